using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using PortDoctor.Evidence.Text;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// Output captured by a log that puts a prefix before every line (a CI runner's timestamps, a
/// Packer builder's tag, a docker compose service) reads as the output alone, with a note; files
/// whose lines only look alike keep their lines whole.
/// </summary>
public sealed class LinePrefixTests
{
    // Shapes of a GitHub Actions step log (windows runner) and of Packer's hyperv-iso output, as
    // in runner-images and packer issue threads; our own addresses and PIDs.
    private const string ActionsLog = """
        2024-01-15T10:00:00.1234567Z ##[group]Run netstat -ano
        2024-01-15T10:00:00.1234567Z netstat -ano
        2024-01-15T10:00:00.2345678Z ##[endgroup]
        2024-01-15T10:00:01.0000000Z
        2024-01-15T10:00:01.0000001Z Active Connections
        2024-01-15T10:00:01.0000002Z
        2024-01-15T10:00:01.0000003Z   Proto  Local Address          Foreign Address        State           PID
        2024-01-15T10:00:01.0000004Z   TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       912
        2024-01-15T10:00:01.0000005Z   TCP    10.1.0.4:49712         10.1.0.9:443           ESTABLISHED     4120
        2024-01-15T10:00:01.0000006Z   TCP    10.1.0.4:49713         10.1.0.9:443           TIME_WAIT       0
        2024-01-15T10:00:01.0000007Z   UDP    0.0.0.0:500            *:*                                    3300
        """;

    private const string PackerLog = """
        ==> hyperv-iso: Provisioning with powershell script: diag.ps1
            hyperv-iso:
            hyperv-iso: Active Connections
            hyperv-iso:
            hyperv-iso:   Proto  Local Address          Foreign Address        State           PID
            hyperv-iso:   TCP    0.0.0.0:5985           0.0.0.0:0              LISTENING       4
            hyperv-iso:   TCP    10.2.0.7:5985          10.2.0.1:50111         ESTABLISHED     4
            hyperv-iso:   TCP    10.2.0.7:49800         10.2.0.1:8443          CLOSE_WAIT      2816
        """;

    private const string ComposeLog = """
        probe_1  | State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process
        probe_1  | LISTEN 0      4096         0.0.0.0:8080       0.0.0.0:*
        probe_1  | ESTAB  0      0          172.18.0.3:8080   172.18.0.9:41234
        probe_1  | TIME-WAIT 0   0          172.18.0.3:50112  172.18.0.5:5432
        """;

    public static TheoryData<string, string, string[]> WindowsLogs => new()
    {
        { ActionsLog, "CI runner's timestamp", ["TCP 0.0.0.0:135 LISTEN 912", "TCP 10.1.0.4:49712 ESTABLISHED 4120", "TCP 10.1.0.4:49713 TIME_WAIT -", "UDP 0.0.0.0:500 UNCONN 3300"] },
        { PackerLog, "\"hyperv-iso\"", ["TCP 0.0.0.0:5985 LISTEN 4", "TCP 10.2.0.7:5985 ESTABLISHED 4", "TCP 10.2.0.7:49800 CLOSE_WAIT 2816"] },
    };

    [Theory]
    [MemberData(nameof(WindowsLogs))]
    public void A_ci_runners_timestamps_or_a_builders_tag_are_taken_off_every_line(string log, string noted, string[] rows)
    {
        var evidence = EvidenceReader.ReadText(log);

        var source = Assert.Single(evidence.Sources);
        Assert.Equal("windows-netstat", source.Format);
        Assert.Equal(0, source.UnreadableCount);
        Assert.Contains(source.Notes, n => n.Kind == NoteKind.LinePrefixStripped && n.Name!.Contains(noted, StringComparison.Ordinal));
        Assert.Equal(rows, Rows(evidence));
    }

    [Fact]
    public void A_compose_services_tag_is_taken_off_every_line()
    {
        var evidence = EvidenceReader.ReadText(ComposeLog);

        Assert.Equal("linux-ss", Assert.Single(evidence.Sources).Format);
        Assert.Equal(["TCP 0.0.0.0:8080 LISTEN -", "TCP 172.18.0.3:8080 ESTABLISHED -", "TCP 172.18.0.3:50112 TIME_WAIT -"], Rows(evidence));
    }

    [Fact]
    public void Lines_that_only_look_alike_are_not_a_prefix()
    {
        string[] formatList = ["LocalAddress   : 10.0.0.5", "LocalPort      : 49152", "RemoteAddress  : 10.0.0.9", "State          : Established"];
        string[] netstat = ["  TCP    10.0.0.5:1   10.0.0.9:443   ESTABLISHED   4", "  TCP    10.0.0.5:2   10.0.0.9:443   ESTABLISHED   4", "  TCP    10.0.0.5:3   10.0.0.9:443   ESTABLISHED   4"];
        string[] mostlyTagged = ["web: a", "web: b", "web: c", "web: d", "other line", "another line"];

        Assert.Null(LinePrefix.Detect(formatList));
        Assert.Null(LinePrefix.Detect(netstat));
        Assert.Null(LinePrefix.Detect(mostlyTagged));
        Assert.Null(LinePrefix.Detect(["2024-01-15T10:00:00Z a", "2024-01-15T10:00:00Z b"]));
    }

    private static string[] Rows(EvidenceSet evidence) =>
        [.. evidence.Latest.Sockets.Select(s => $"{(s.Protocol == TransportProtocol.Tcp ? "TCP" : "UDP")} {s.Local} {s.State.ToDisplayName()} {s.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}")];
}
