using System.Globalization;
using PortDoctor.Core.Model;

namespace PortDoctor.Platform.Windows;

/// <summary>
/// What the iphlpapi tables cannot tell, asked from the CIM classes behind Get-NetTCPConnection
/// (MSFT_NetTCPConnection: BOUND sockets with their owner) and Get-NetTCPSetting
/// (MSFT_NetTCPSetting: the TCP auto-reuse port range, Windows Server 2022 and later), in one
/// PowerShell run that prints one tagged line per item, numbers unformatted, in no language.
/// </summary>
internal static class CimSocketQuery
{
    /// <summary>The script: "BOUND address port pid" and "REUSE setting start count" lines.</summary>
    public const string Script =
        "$ErrorActionPreference='SilentlyContinue';" +
        "Get-NetTCPConnection -State Bound | ForEach-Object { 'BOUND ' + $_.LocalAddress + ' ' + $_.LocalPort + ' ' + $_.OwningProcess };" +
        "Get-NetTCPSetting | Where-Object { $_.AutoReusePortRangeNumberOfPorts -gt 0 } | ForEach-Object { 'REUSE ' + $_.SettingName + ' ' + $_.AutoReusePortRangeStartPort + ' ' + $_.AutoReusePortRangeNumberOfPorts }";

    public static IReadOnlyList<string> Arguments { get; } =
        ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command", Script];

    public sealed record Answer(IReadOnlyList<SocketEntry> Bound, IReadOnlyDictionary<string, PortRange> AutoReuse);

    /// <summary>Reads the script's output; lines of any other shape are ignored.</summary>
    public static Answer Parse(string output)
    {
        var bound = new List<SocketEntry>();
        var reuse = new Dictionary<string, PortRange>(StringComparer.Ordinal);
        foreach (var raw in output.Split('\n'))
        {
            var parts = raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 4 || !TryNumber(parts[2], out var a) || !TryNumber(parts[3], out var b))
            {
                continue;
            }

            if (parts[0] == "BOUND" && a is >= 0 and <= 65535)
            {
                var v6 = parts[1].Contains(':', StringComparison.Ordinal);
                bound.Add(new SocketEntry(
                    TransportProtocol.Tcp,
                    v6 ? IpFamily.IPv6 : IpFamily.IPv4,
                    SocketState.Bound,
                    new Endpoint(parts[1], a),
                    v6 ? Endpoint.AnyV6 : Endpoint.AnyV4)
                { Pid = b == 0 ? null : b });
            }
            else if (parts[0] == "REUSE" && a >= 1 && b >= 1 && a + b - 1 <= 65535)
            {
                reuse[parts[1]] = new PortRange(a, b);
            }
        }

        return new Answer(bound, reuse);
    }

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
