using System.Text.Json;
using Xunit;

namespace PortDoctor.Cli.Tests.Lab;

/// <summary>
/// Real exhaustion on a real kernel: each test runs `portdoctor lab` in its own namespace and
/// checks diagnose's JSON from inside it against what the workload did.
/// </summary>
[Collection(LabCollection.Name)]
public class LabTests
{
    [Theory]
    [InlineData("bound", "EADDRINUSE")]
    [InlineData("established", "EADDRNOTAVAIL")]
    [InlineData("close-wait", "EADDRNOTAVAIL")]
    [InlineData("time-wait", "EADDRNOTAVAIL")]
    public void Each_pattern_run_to_failure_is_diagnosed_exhausted_with_the_workload_as_culprit(string pattern, string workloadError)
    {
        SkipUnlessRoot();
        var name = LabProcess.NamespaceName($"x-{pattern}");

        var lab = LabProcess.RunLab(name, "--pattern", pattern);

        var diagnosis = lab.GetProperty("diagnosis");
        Assert.StartsWith(workloadError, lab.GetProperty("stopReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("exhausted", diagnosis.GetProperty("verdict").GetString());
        Assert.Equal(2, lab.GetProperty("diagnoseExitCode").GetInt32());
        var culprit = diagnosis.GetProperty("culprits")[0];
        Assert.Equal(lab.GetProperty("workloadPid").GetInt32(), culprit.GetProperty("pid").GetInt32());
        Assert.Equal(pattern, culprit.GetProperty("pattern").GetString());
        Assert.True(culprit.GetProperty("ports").GetInt32() >= 990, $"culprit holds {culprit.GetProperty("ports").GetInt32()} ports");

        // The probe sees what the application saw: no ephemeral port left.
        var failed = diagnosis.GetProperty("probes").EnumerateArray()
            .Where(p => p.GetProperty("outcome").GetString() == "address-unavailable")
            .Select(p => p.GetProperty("errorName").GetString())
            .ToList();
        Assert.Contains("EADDRINUSE", failed);
        if (pattern != "bound")
        {
            Assert.Contains("EADDRNOTAVAIL", failed);
        }

        Assert.False(LabProcess.NamespaceExists(name), $"namespace {name} was left behind");
    }

    [Theory]
    [InlineData("established")]
    [InlineData("bound")]
    [InlineData("time-wait")]
    public void Filling_85_percent_is_at_risk_and_the_probe_still_succeeds(string pattern)
    {
        SkipUnlessRoot();
        var name = LabProcess.NamespaceName($"f-{pattern}");

        var lab = LabProcess.RunLab(name, "--pattern", pattern, "--fill", "85%");

        var diagnosis = lab.GetProperty("diagnosis");
        Assert.Equal(850, lab.GetProperty("taken").GetInt32());
        Assert.Equal("at-risk", diagnosis.GetProperty("verdict").GetString());
        // Within 2 points: on a loaded machine a few TIME_WAIT sockets can expire (60 s) before diagnose reads them.
        Assert.Equal(85, diagnosis.GetProperty("headline").GetProperty("utilizationPercent").GetDouble(), 2.0);
        var culprit = diagnosis.GetProperty("culprits")[0];
        Assert.Equal(lab.GetProperty("workloadPid").GetInt32(), culprit.GetProperty("pid").GetInt32());
        Assert.Equal(pattern, culprit.GetProperty("pattern").GetString());
        Assert.All(diagnosis.GetProperty("probes").EnumerateArray(), p => Assert.Equal("succeeded", p.GetProperty("outcome").GetString()));
    }

    [Fact]
    public void The_healthy_control_is_healthy_with_no_culprit_and_no_remediation()
    {
        SkipUnlessRoot();

        var lab = LabProcess.RunLab(LabProcess.NamespaceName("healthy"), "--pattern", "healthy");

        var diagnosis = lab.GetProperty("diagnosis");
        Assert.Equal("healthy", diagnosis.GetProperty("verdict").GetString());
        Assert.Equal(0, lab.GetProperty("diagnoseExitCode").GetInt32());
        Assert.Equal(0, diagnosis.GetProperty("culprits").GetArrayLength());
        Assert.Equal(0, diagnosis.GetProperty("remediation").GetArrayLength());
        Assert.All(diagnosis.GetProperty("probes").EnumerateArray(), p => Assert.Equal("succeeded", p.GetProperty("outcome").GetString()));
    }

    [Fact]
    public void The_human_report_puts_the_verdict_first_and_numbers_the_remediation()
    {
        SkipUnlessRoot();

        var (code, output, error) = LabProcess.Run("lab", "--pattern", "close-wait", "--namespace", LabProcess.NamespaceName("human"));

        Assert.True(code == 0, error);
        var lines = output.Split('\n');
        var verdict = Array.FindIndex(lines, l => l.StartsWith("Verdict: EXHAUSTED", StringComparison.Ordinal));
        var culprit = Array.FindIndex(lines, l => l.StartsWith("Culprit: portdoctor (PID ", StringComparison.Ordinal));
        var evidence = Array.FindIndex(lines, l => l == "Evidence");
        var remediation = Array.FindIndex(lines, l => l == "Remediation");
        Assert.True(verdict >= 0 && verdict < culprit && culprit < evidence && evidence < remediation, output);
        Assert.Contains("pattern close-wait", lines[culprit], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("sysctl -w net.ipv4.ip_local_port_range=\"39000 65535\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("1. application:", StringComparison.Ordinal));
        Assert.Contains("only delays the recurrence", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_is_one_header_and_one_row_of_the_labs_facts_and_diagnoses_verdict()
    {
        SkipUnlessRoot();
        var name = LabProcess.NamespaceName("csv");

        var (code, output, error) = LabProcess.Run("lab", "--pattern", "close-wait", "--namespace", name, "--format", "csv");

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "namespace,pattern,rangeStart,rangeEnd,fillPercent,workloadPid,taken,stopReason,diagnoseExitCode,verdict,culpritPid,culpritPattern,culpritPorts",
            lines[0]);
        Assert.Equal(2, lines.Length);
        var row = lines[1].Split(',');
        Assert.Equal([name, "close-wait", "40000", "40999", ""], row[..5]);
        Assert.Equal(["1000", "EADDRNOTAVAIL(99)", "2", "exhausted"], row[6..10]);
        Assert.Equal(row[5], row[10]);
        Assert.Equal("close-wait", row[11]);
        Assert.True(int.Parse(row[12], System.Globalization.CultureInfo.InvariantCulture) >= 990, lines[1]);
        Assert.False(LabProcess.NamespaceExists(name));
    }

    [Fact]
    public void Without_root_the_lab_says_so_in_one_line_and_exits_77()
    {
        SkipUnlessRoot();

        // Drop to nobody for this one run (util-linux setpriv).
        var (code, output, error) = LabProcess.RunTool(
            "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", LabProcess.Binary, "lab", "--pattern", "bound");

        Assert.Equal(77, code);
        Assert.Equal("", output);
        Assert.Equal("portdoctor: lab needs root to create network namespaces: run it as root (e.g. sudo)", error.Trim());
    }

    [Fact]
    public void Run_through_the_dotnet_host_the_lab_finds_its_own_dll_for_the_workload()
    {
        SkipUnlessRoot();
        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        var name = LabProcess.NamespaceName("host");

        var (code, output, error) = LabProcess.RunTool(
            dotnet, Path.Combine(AppContext.BaseDirectory, "portdoctor.dll"), "lab", "--pattern", "healthy", "--namespace", name, "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("healthy", json.RootElement.GetProperty("diagnosis").GetProperty("verdict").GetString());
        Assert.True(json.RootElement.GetProperty("workloadPid").GetInt32() > 0);
        Assert.False(LabProcess.NamespaceExists(name));
    }

    [Fact]
    public void Bad_lab_values_are_one_line_usage_errors()
    {
        var (code, output, error) = LabProcess.Run("lab", "--fill", "150%");

        Assert.Equal(64, code);
        Assert.Equal("", output);
        Assert.Equal("portdoctor: --fill '150%': expected a percentage from 1% to 100%", error.Trim());
    }

    private static void SkipUnlessRoot()
    {
        if (LabProcess.SkipReason() is { } reason)
        {
            Assert.Skip(reason);
        }
    }
}
