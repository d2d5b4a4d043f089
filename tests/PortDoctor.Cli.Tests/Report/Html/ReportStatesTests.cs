using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;
using PortDoctor.History;
using Xunit;

namespace PortDoctor.Cli.Tests.Report.Html;

/// <summary>The page's "sockets per state" chart: the history's per-pool states, or a log's per-sample counts, stacked by state.</summary>
public sealed class ReportStatesTests : IDisposable
{
    private const string Header = "<th>period from (UTC)</th><th>ESTABLISHED</th><th>TIME_WAIT</th><th>CLOSE_WAIT</th><th>FIN_WAIT_1/2</th><th>BOUND and other</th>";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pdo-report-states-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void The_history_charts_the_headline_pools_sockets_per_state()
    {
        var db = Path.Combine(_dir.FullName, "history.db");
        var now = DateTimeOffset.UtcNow;
        using (var store = HistoryStore.Open(db))
        {
            for (var m = -40; m <= 0; m++)
            {
                store.Append(Sample(now.AddMinutes(m)));
            }
        }

        var (code, output, error) = CliRunner.Run("report", "--db", db, "--since", "2h", "--format", "html");

        Assert.True(code == 0, error);
        Assert.Contains("<h2>Sockets per state</h2>", output, StringComparison.Ordinal);
        Assert.Contains(Header, output, StringComparison.Ordinal);
        // Every period's means: TIME_WAIT 50, CLOSE_WAIT 3, FIN_WAIT_1 + FIN_WAIT_2 = 2 + 4, BOUND 1 + SYN_SENT 1 (the UDP pool is emptier and not shown).
        Assert.Matches("<td>50</td><td>3</td><td>6</td><td>2</td></tr>", output);
        Assert.DoesNotContain("held by live sockets", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_charts_the_sockets_per_state_of_each_sample()
    {
        var log = Path.Combine(_dir.FullName, "netstat.txt");
        var netsh = Path.Combine(_dir.FullName, "dynamicport.txt");
        File.WriteAllText(log, DiagnoseFromTests.PeriodicLog([.. Enumerable.Range(0, 41).Select(m => 100 + (10 * m))]));
        File.WriteAllText(netsh, DiagnoseFromTests.Netsh);

        var (code, output, error) = CliRunner.Run("report", "--from", log, netsh, "--format", "html");

        Assert.True(code == 0, error);
        Assert.Contains("<h2>Sockets per state</h2>", output, StringComparison.Ordinal);
        Assert.Contains(Header, output, StringComparison.Ordinal);
        // The first minute: 100 ESTABLISHED and the one LISTENING socket (other).
        Assert.Contains("<td>100</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>", output, StringComparison.Ordinal);
    }

    private static HostSample Sample(DateTimeOffset time) => new(time, "report-states-test")
    {
        Pools =
        [
            new PoolSample(TransportProtocol.Tcp, null, 28_232, 5000)
            {
                ByState = new Dictionary<SocketState, int>
                {
                    [SocketState.Established] = 4000,
                    [SocketState.TimeWait] = 50,
                    [SocketState.CloseWait] = 3,
                    [SocketState.FinWait1] = 2,
                    [SocketState.FinWait2] = 4,
                    [SocketState.Bound] = 1,
                    [SocketState.SynSent] = 1,
                },
            },
            new PoolSample(TransportProtocol.Udp, null, 28_232, 10) { ByState = new Dictionary<SocketState, int> { [SocketState.Unconnected] = 10 } },
        ],
        Processes = [new ProcessSample(4321, null, "java", 5000)],
    };
}
