using System.Globalization;

namespace PortDoctor.Evidence.Linux;

/// <summary>
/// Parses /proc/net/netstat and /proc/net/snmp: pairs of lines, "TcpExt: Name1 Name2 ..." then
/// "TcpExt: 1 2 ...". Keys come out as "TcpExt.TCPTimeWaitOverflow".
/// </summary>
public static class ProcNetStatCounters
{
    /// <param name="path">Where the text came from, for error messages.</param>
    public static IReadOnlyDictionary<string, long> Parse(string text, string path)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            var names = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0 || !names[0].EndsWith(':') || values.Length != names.Length || values[0] != names[0])
            {
                throw new PortDoctorException($"{path}:{i + 1}: expected a 'Prefix: names' line followed by 'Prefix: values' of the same length");
            }

            var prefix = names[0][..^1];
            for (var k = 1; k < names.Length; k++)
            {
                if (!long.TryParse(values[k], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                {
                    throw new PortDoctorException($"{path}:{i + 2}: '{values[k]}' for {prefix}.{names[k]} is not a number");
                }

                result[$"{prefix}.{names[k]}"] = value;
            }
        }

        return result;
    }
}
