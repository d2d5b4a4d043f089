using System.Globalization;

namespace PortDoctor.Evidence.PowerShell;

/// <summary>
/// Builds a socket from Get-NetTCPConnection's properties, whatever view printed them. State may be
/// the enum name ("TimeWait", "Bound") or its number (ConvertTo-Json and raw CIM write 11, 100).
/// </summary>
internal static class PowerShellConnection
{
    public const string LocalAddress = "LocalAddress";
    public const string LocalPort = "LocalPort";
    public const string RemoteAddress = "RemoteAddress";
    public const string RemotePort = "RemotePort";
    public const string State = "State";
    public const string OwningProcess = "OwningProcess";

    /// <summary>
    /// Not a property of MSFT_NetTCPConnection: guides add it with
    /// <c>Select-Object ..., @{Name="ProcessName";Expression={(Get-Process -Id $_.OwningProcess).ProcessName}}</c>.
    /// </summary>
    public const string ProcessName = "ProcessName";

    /// <summary>MSFT_NetTCPConnection.State values.</summary>
    public static bool TryState(string text, out SocketState state)
    {
        if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            state = WindowsTcpStates.FromNumber(number);
            return state != SocketState.Unknown;
        }

        return LocalizedStateNames.TryParse(text, out state);
    }

    public static bool TryCreate(Func<string, string?> field, EndpointText endpoints, out SocketEntry? entry)
    {
        entry = null;
        var localAddress = field(LocalAddress);
        var localPort = field(LocalPort);
        var remoteAddress = field(RemoteAddress) ?? "*";
        var remotePort = field(RemotePort) ?? "0";
        var stateText = field(State);
        if (localAddress is null || localPort is null || stateText is null || !TryState(stateText.Trim(), out var state) ||
            !endpoints.TryParse(Join(localAddress, localPort), out var local, out var localFamily) ||
            !endpoints.TryParse(Join(remoteAddress, remotePort), out var remote, out var remoteFamily))
        {
            return false;
        }

        int? pid = null;
        var owner = field(OwningProcess);
        if (!string.IsNullOrWhiteSpace(owner))
        {
            if (!int.TryParse(owner.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            {
                return false;
            }

            pid = p == 0 ? null : p;
        }

        var process = field(ProcessName)?.Trim();
        entry = new SocketEntry(TransportProtocol.Tcp, localFamily ?? remoteFamily ?? IpFamily.IPv4, state, local, remote)
        {
            Pid = pid,
            // PID 0 is "Idle" there: the socket has no owner (TIME_WAIT), not an idle process.
            ProcessName = string.IsNullOrEmpty(process) || pid is null ? null : process,
        };
        return true;
    }

    /// <summary>The owner a row named, for <see cref="EvidenceCollector.AddSocket(SocketEntry, ValueTuple{int, string}?)"/>.</summary>
    public static (int Pid, string Name)? Owner(SocketEntry entry) =>
        entry.Pid is int pid && entry.ProcessName is { } name ? (pid, name) : null;

    private static string Join(string address, string port)
    {
        address = address.Trim();
        return address.Contains(':', StringComparison.Ordinal) ? $"[{address}]:{port.Trim()}" : $"{address}:{port.Trim()}";
    }
}
