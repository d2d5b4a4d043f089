using PortDoctor.Platform.Bundle;

namespace PortDoctor.Platform.Windows;

/// <summary>The guide's outputs, as a support engineer asks for them (docs/windows.md lists them); -b and the event log need admin.</summary>
internal static class WindowsEvidenceItems
{
    private const string TcpipEvents = "*[System[Provider[@Name='Tcpip'] and (EventID=4227 or EventID=4231) and TimeCreated[timediff(@SystemTime) <= 604800000]]]";

    public static IReadOnlyList<EvidenceItem> All(bool elevated) =>
    [
        .. Netsh(),
        new("get-nettcpconnection.csv") { Command = ["powershell", "-NoProfile", "-Command", "Get-NetTCPConnection | Export-Csv -NoTypeInformation -Path -"] },
        new("get-process.csv") { Command = ["powershell", "-NoProfile", "-Command", "Get-Process | Select-Object Id, ProcessName, HandleCount | ConvertTo-Csv -NoTypeInformation"] },
        new("tcpip-events.xml") { Command = ["wevtutil", "qe", "System", $"/q:{TcpipEvents}", "/f:xml"] },
        new("netstat-anobq.txt") { Command = ["netstat", "-anobq"], SkipReason = elevated ? null : "needs admin (-b names the executables)" },
        new("netstat-anoq.txt") { Command = ["netstat", "-anoq"] },
    ];

    private static IEnumerable<EvidenceItem> Netsh()
    {
        foreach (var family in new[] { "ipv4", "ipv6" })
        {
            foreach (var protocol in new[] { "tcp", "udp" })
            {
                yield return new($"netsh-{family}-dynamicport-{protocol}.txt") { Command = ["netsh", "int", family, "show", "dynamicport", protocol] };
                yield return new($"netsh-{family}-excludedportrange-{protocol}.txt") { Command = ["netsh", "int", family, "show", "excludedportrange", $"protocol={protocol}"] };
            }
        }
    }
}
