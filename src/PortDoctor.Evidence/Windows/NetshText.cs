namespace PortDoctor.Evidence.Windows;

/// <summary>Line splitting and the few shapes netsh output has in every language.</summary>
internal static class NetshText
{
    public static IEnumerable<string> Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    /// <summary>"Start Port      : 49152" (also the full-width colon of CJK output).</summary>
    public static bool TryLabelValue(string line, out string label, out string value)
    {
        var colon = line.LastIndexOfAny([':', '\uFF1A']);
        if (colon <= 0)
        {
            label = value = "";
            return false;
        }

        label = line[..colon].Trim();
        value = line[(colon + 1)..].Trim();
        return label.Length > 0 && value.Length > 0;
    }

    /// <summary>
    /// The protocol a header names: netsh echoes the command's own "tcp"/"udp" keyword, untranslated
    /// (also inside compounds such as German "tcp-Protokoll", and in an echoed "protocol=tcp").
    /// </summary>
    public static TransportProtocol? FindProtocol(string line)
    {
        foreach (var word in line.Split([' ', '\t', '(', ')', ':', '"', '-', ',', '.', '=', '\u00AB', '\u00BB', '\u300C', '\u300D'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Equals("tcp", StringComparison.OrdinalIgnoreCase))
            {
                return TransportProtocol.Tcp;
            }

            if (word.Equals("udp", StringComparison.OrdinalIgnoreCase))
            {
                return TransportProtocol.Udp;
            }
        }

        return null;
    }
}
