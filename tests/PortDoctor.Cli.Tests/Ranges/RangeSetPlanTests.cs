using System.Net;
using System.Net.Sockets;
using Xunit;

namespace PortDoctor.Cli.Tests.Ranges;

/// <summary>`range set` without --yes, in process: validation, presets and the plan (nothing is written).</summary>
public class RangeSetPlanTests
{
    [Fact]
    public void Warns_about_a_listener_inside_the_new_range_and_still_plans()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the plan and listener check run against this machine's Linux range");
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var start = Math.Max(1026, port - 100) & ~1;

        var (code, output, error) = CliRunner.Run("range", "set", "--start", $"{start}", "--count", "256");

        Assert.Equal(0, code);
        Assert.Contains("warning: the range covers", error, StringComparison.Ordinal);
        Assert.Contains($"{port}", error, StringComparison.Ordinal);
        Assert.Contains("Nothing changed: add --yes", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--default", "32768-60999 (28232 ports)")]
    [InlineData("--legacy", "1025-5000 (3976 ports)")]
    public void Presets_are_linuxs_default_and_the_guides_legacy_range(string preset, string expected)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the plan runs against this machine's Linux range");
        }

        var (code, output, _) = CliRunner.Run("range", "set", preset);

        Assert.Equal(0, code);
        Assert.Contains($"Plan: dynamic port range {expected}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_that_shrinks_says_so_first_and_does_not_call_itself_widening()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the plan runs against this machine's Linux range");
        }

        var now = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var current = now[1] - now[0] + 1;
        if (current <= 300)
        {
            Assert.Skip($"this machine's range has only {current} ports");
        }

        var (code, output, _) = CliRunner.Run("range", "set", "--start", "40000", "--count", "256");

        Assert.Equal(0, code);
        Assert.StartsWith($"Warning: this plan shrinks the dynamic port range from {current} to 256 ports", output, StringComparison.Ordinal);
        Assert.Contains("Nothing changed: add --yes --allow-shrink to apply.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("widening", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--default", "--legacy")]
    [InlineData("--start", "10000")]
    [InlineData("--default", "--start", "10000")]
    public void Ambiguous_or_incomplete_ranges_are_usage_errors(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(["range", "set", .. args]);

        Assert.Equal(64, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Rollback_without_a_backup_says_where_it_looked()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pdw-none-" + Guid.NewGuid().ToString("N"));

        var (code, _, error) = CliRunner.Run("range", "rollback", "--state-dir", dir);

        Assert.Equal(69, code);
        Assert.Equal($"portdoctor: nothing to roll back: no backup at {Path.Combine(dir, "range-backup.json")}\n", error);
    }
}
