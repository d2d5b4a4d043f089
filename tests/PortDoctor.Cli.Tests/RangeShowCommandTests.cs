using System.Text.Json;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;
using Xunit;

namespace PortDoctor.Cli.Tests;

public class RangeShowCommandTests
{
    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var configuration = LinuxSysctl.ToConfiguration(
            new Dictionary<string, string>
            {
                [LinuxSettings.PortRangeKey] = "10000\t10999",
                [LinuxSettings.ReservedPortsKey] = "10080,10100-10109",
                [LinuxSettings.TcpTwReuseKey] = "2",
                [LinuxSettings.TcpFinTimeoutKey] = "30",
                [LinuxSettings.UnprivilegedPortStartKey] = "1024",
            },
            "/proc/sys");
        return CliRunner.Run(env => env with { Host = new FakeHost { PortConfiguration = configuration } }, ["range", "show", .. args]);
    }

    [Fact]
    public void Table_has_one_row_per_protocol_and_family_with_start_count_end()
    {
        var (code, output, _) = Run();
        Assert.Equal(0, code);
        var rows = output.Split('\n').Where(l => l.TrimStart().StartsWith("tcp", StringComparison.Ordinal) || l.TrimStart().StartsWith("udp", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(["10000", "1000", "10999"], r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2..]));
        Assert.Contains(rows, r => r.Contains("udp", StringComparison.Ordinal) && r.Contains("ipv6", StringComparison.Ordinal));
        Assert.Contains("10080,10100-10109", output, StringComparison.Ordinal);
        Assert.Contains("net.ipv4.tcp_tw_reuse", output, StringComparison.Ordinal);
        Assert.Contains("10000 10999", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_ranges_exclusions_and_settings()
    {
        var (code, output, _) = Run("--format", "json");
        Assert.Equal(0, code);
        var root = JsonDocument.Parse(output).RootElement;
        var ranges = root.GetProperty("ranges").EnumerateArray().ToList();
        Assert.Equal(4, ranges.Count);
        Assert.All(ranges, r => Assert.Equal(1000, r.GetProperty("count").GetInt32()));
        Assert.Equal(10999, ranges[0].GetProperty("end").GetInt32());
        var excluded = root.GetProperty("excluded").EnumerateArray().ToList();
        Assert.Equal([10080, 10100], excluded.Select(e => e.GetProperty("start").GetInt32()));
        Assert.Equal(10, excluded[1].GetProperty("count").GetInt32());
        Assert.Equal("30", root.GetProperty("settings").GetProperty("net.ipv4.tcp_fin_timeout").GetString());
    }

    [Fact]
    public void Csv_lists_the_ranges()
    {
        var (code, output, _) = Run("--format", "csv");
        Assert.Equal(0, code);
        Assert.Equal("protocol,family,start,count,end\ntcp,ipv4,10000,1000,10999\ntcp,ipv6,10000,1000,10999\nudp,ipv4,10000,1000,10999\nudp,ipv6,10000,1000,10999\n", output);
    }

    [Fact]
    public void Live_range_show_reads_this_machine()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        var (code, output, _) = CliRunner.Run("range", "show", "--format", "json");
        Assert.Equal(0, code);
        var expected = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var first = JsonDocument.Parse(output).RootElement.GetProperty("ranges")[0];
        Assert.Equal(int.Parse(expected[0], System.Globalization.CultureInfo.InvariantCulture), first.GetProperty("start").GetInt32());
        Assert.Equal(int.Parse(expected[1], System.Globalization.CultureInfo.InvariantCulture), first.GetProperty("end").GetInt32());
    }
}
