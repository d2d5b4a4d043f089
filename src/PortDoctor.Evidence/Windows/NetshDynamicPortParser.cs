using System.Globalization;

namespace PortDoctor.Evidence.Windows;

/// <summary>
/// Parses `netsh int ipv4|ipv6 show dynamicport tcp|udp` output in any display language.
/// netsh prints no family, so the caller says which one it asked for. A text may hold several
/// blocks (one per protocol), each a header naming "tcp" or "udp" and two "label : number" lines:
/// the start port, then the number of ports. Labels are matched when known (see
/// <see cref="NetshLabels"/>); otherwise the order decides, which netsh keeps in every language.
/// </summary>
public static class NetshDynamicPortParser
{
    /// <param name="text">The command's output, possibly several blocks.</param>
    /// <param name="family">The family the command asked for (ipv4/ipv6).</param>
    /// <param name="source">File name or command, used in error messages ("source:line: ...").</param>
    /// <param name="defaultProtocol">Protocol for a block whose header names none.</param>
    /// <exception cref="PortDoctorException">When a block is incomplete or a number is out of range.</exception>
    public static IReadOnlyList<DynamicPortRange> Parse(
        string text, IpFamily family, string source = "netsh output", TransportProtocol? defaultProtocol = null)
    {
        var ranges = new List<DynamicPortRange>();
        TransportProtocol? protocol = defaultProtocol;
        int? start = null;
        var startLine = 0;
        var lineNumber = 0;
        foreach (var line in NetshText.Lines(text))
        {
            lineNumber++;
            // "label : number" is a range line; anything else may be a header naming the protocol
            // (also an echoed prompt such as "C:\> netsh int ipv4 show dynamicport tcp").
            if (!NetshText.TryLabelValue(line, out var label, out var valueText)
                || !int.TryParse(valueText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                if (NetshText.FindProtocol(line) is { } named)
                {
                    if (start is not null)
                    {
                        throw Incomplete(source, startLine);
                    }

                    protocol = named;
                }

                continue;
            }

            var isCount = NetshLabels.IsCountLabel(label) || (start is not null && !NetshLabels.IsStartLabel(label));
            if (!isCount)
            {
                if (start is not null)
                {
                    throw Incomplete(source, startLine);
                }

                if (value is < 1 or > 65535)
                {
                    throw new PortDoctorException($"{source}:{lineNumber}: start port {value} is not a port (1-65535)");
                }

                start = value;
                startLine = lineNumber;
                continue;
            }

            if (start is null)
            {
                throw new PortDoctorException($"{source}:{lineNumber}: number of ports comes before any start port");
            }

            if (value < 1 || start.Value + value - 1 > 65535)
            {
                throw new PortDoctorException(
                    $"{source}:{lineNumber}: {value} ports from {start.Value} do not fit below 65536");
            }

            if (protocol is null)
            {
                throw new PortDoctorException($"{source}:{startLine}: no 'tcp' or 'udp' in the header before this range");
            }

            ranges.Add(new DynamicPortRange(protocol.Value, family, new PortRange(start.Value, value)));
            start = null;
        }

        if (start is not null)
        {
            throw Incomplete(source, startLine);
        }

        return ranges;
    }

    private static PortDoctorException Incomplete(string source, int line) =>
        new($"{source}:{line}: a start port without its number of ports");
}
