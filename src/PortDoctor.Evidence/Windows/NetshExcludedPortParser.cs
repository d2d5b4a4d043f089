using System.Globalization;

namespace PortDoctor.Evidence.Windows;

/// <summary>
/// Parses `netsh int ipv4|ipv6 show excludedportrange tcp|udp` output in any display language:
/// a header naming the protocol, a two-column table of start and end ports, and "*" after the
/// rows that are administered exclusions (added with `add excludedportrange`). Rows are the only
/// lines made of two numbers, so column titles and the legend need no translation.
/// </summary>
public static class NetshExcludedPortParser
{
    /// <param name="text">The command's output, possibly several blocks (tcp, then udp).</param>
    /// <param name="family">The family the command asked for (ipv4/ipv6).</param>
    /// <param name="source">File name or command, used in error messages.</param>
    /// <param name="defaultProtocol">Protocol for rows before any header naming one.</param>
    /// <exception cref="PortDoctorException">When a row is not two ports in order.</exception>
    public static IReadOnlyList<ExcludedPortRange> Parse(
        string text, IpFamily family, string source = "netsh output", TransportProtocol? defaultProtocol = null)
    {
        var ranges = new List<ExcludedPortRange>();
        TransportProtocol? protocol = defaultProtocol;
        var lineNumber = 0;
        foreach (var line in NetshText.Lines(text))
        {
            lineNumber++;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is < 2 or > 3 || !IsNumber(parts[0]) || !IsNumber(parts[1]))
            {
                if (NetshText.FindProtocol(line) is { } named)
                {
                    protocol = named;
                }

                continue;
            }

            var administered = parts.Length == 3 && parts[2] == "*";
            if (parts.Length == 3 && !administered)
            {
                throw new PortDoctorException($"{source}:{lineNumber}: unexpected '{parts[2]}' after the port range");
            }

            var low = int.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
            var high = int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture);
            if (low < 1 || high > 65535 || low > high)
            {
                throw new PortDoctorException($"{source}:{lineNumber}: '{low} {high}' is not a port range (1-65535, start <= end)");
            }

            if (protocol is null)
            {
                throw new PortDoctorException($"{source}:{lineNumber}: no 'tcp' or 'udp' in a header before this row");
            }

            ranges.Add(new ExcludedPortRange(protocol, family, PortRange.FromBounds(low, high)) { Administered = administered });
        }

        return ranges;
    }

    private static bool IsNumber(string text) =>
        text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit);
}
