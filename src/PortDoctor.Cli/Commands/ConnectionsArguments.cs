using System.Globalization;
using PortDoctor.Core;
using PortDoctor.Core.Connections;
using PortDoctor.Core.Model;

namespace PortDoctor.Cli.Commands;

/// <summary>Turns the raw option values of `connections` into a filter and group keys, or a usage error.</summary>
internal static class ConnectionsArguments
{
    private static readonly string ValidStates = string.Join(", ", Enum.GetValues<SocketState>()
        .Where(s => s is not SocketState.Unknown)
        .Select(s => s.ToDisplayName()));

    public static IEnumerable<string> SplitList(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static HashSet<SocketState> ParseStates(IEnumerable<string>? values)
    {
        var states = new HashSet<SocketState>();
        foreach (var text in SplitList(values))
        {
            if (!SocketStateNames.TryParse(text, out var state))
            {
                throw Usage($"unknown --state '{text}': valid states are {ValidStates}");
            }

            states.Add(state);
        }

        return states;
    }

    public static HashSet<int> ParsePids(IEnumerable<string>? values)
    {
        var pids = new HashSet<int>();
        foreach (var text in SplitList(values))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                throw Usage($"malformed --pid '{text}': expected a process id such as 1234");
            }

            pids.Add(pid);
        }

        return pids;
    }

    /// <summary>"443" or "30000-40000".</summary>
    public static List<PortRange> ParsePorts(IEnumerable<string>? values)
    {
        var ranges = new List<PortRange>();
        foreach (var text in SplitList(values))
        {
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            var lowText = dash < 0 ? text : text[..dash];
            var highText = dash < 0 ? text : text[(dash + 1)..];
            if (!int.TryParse(lowText, NumberStyles.None, CultureInfo.InvariantCulture, out var low)
                || !int.TryParse(highText, NumberStyles.None, CultureInfo.InvariantCulture, out var high)
                || high > 65535 || low > high)
            {
                throw Usage($"malformed --port '{text}': expected a port (0-65535) or a range such as 30000-40000");
            }

            ranges.Add(PortRange.FromBounds(low, high));
        }

        return ranges;
    }

    public static List<EndpointPattern> ParseEndpoints(string option, IEnumerable<string>? values)
    {
        var patterns = new List<EndpointPattern>();
        foreach (var text in SplitList(values))
        {
            if (!EndpointPattern.TryParse(text, out var pattern))
            {
                throw Usage($"malformed {option} '{text}': expected ADDRESS, ADDRESS:PORT, :PORT or [IPv6]:PORT");
            }

            patterns.Add(pattern);
        }

        return patterns;
    }

    public static TransportProtocol? ParseProtocol(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" or "ALL" => null,
        "TCP" => TransportProtocol.Tcp,
        "UDP" => TransportProtocol.Udp,
        _ => throw Usage($"unknown --protocol '{text}': use tcp or udp"),
    };

    public static List<GroupKey> ParseGroupKeys(IEnumerable<string>? values)
    {
        var keys = new List<GroupKey>();
        foreach (var text in SplitList(values))
        {
            if (!GroupKeyNames.TryParse(text, out var key))
            {
                throw Usage($"unknown --group-by key '{text}': use any of {string.Join(",", GroupKeyNames.All)}");
            }

            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private static PortDoctorException Usage(string message) => new(message, ExitCode.Usage);
}
