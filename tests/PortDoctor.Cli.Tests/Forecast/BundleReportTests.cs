using System.Text.Json;
using PortDoctor.Cli.Tests.Lab;
using PortDoctor.Cli.Tests.Trace;
using Xunit;

namespace PortDoctor.Cli.Tests.Forecast;

/// <summary>
/// collect in a namespace where a workload took every port, then `diagnose --from` and `report --from`
/// the bundle: the same culprit as live diagnose, and a report that says one sample gives no trend.
/// </summary>
public sealed class BundleReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pd-bundle-report-").FullName;

    [Fact]
    public void Report_and_diagnose_from_a_bundle_name_the_live_culprit_and_report_says_one_sample_gives_no_trend()
    {
        if (LabProcess.SkipReason() is { } reason)
        {
            Assert.Skip(reason);
        }

        using var workload = ExhaustedWorkload.Start(connects: 0, binds: 0);
        var bundle = Path.Combine(_folder, "bundle.zip");

        var live = InNamespace(workload, "diagnose", "--no-probe", "--format", "json");
        var collect = InNamespace(workload, "collect", "--out", bundle);
        var diagnose = LabProcess.Run("diagnose", "--from", bundle, "--format", "json");
        var report = LabProcess.Run("report", "--from", bundle, "--format", "json");
        var table = LabProcess.Run("report", "--from", bundle);

        Assert.True(collect.Code == 0, collect.Error);
        Assert.True(report.Code == 0, report.Error);
        using var liveJson = JsonDocument.Parse(live.Out);
        using var diagnoseJson = JsonDocument.Parse(diagnose.Out);
        using var reportJson = JsonDocument.Parse(report.Out);
        var culprit = liveJson.RootElement.GetProperty("culprits")[0].GetProperty("pid").GetInt32();
        Assert.Equal(workload.Pid, culprit);
        Assert.Equal(culprit, diagnoseJson.RootElement.GetProperty("culprits")[0].GetProperty("pid").GetInt32());
        Assert.Equal(culprit, reportJson.RootElement.GetProperty("processes")[0].GetProperty("pid").GetInt32());
        Assert.Equal(1, reportJson.RootElement.GetProperty("samples").GetInt64());
        var forecast = reportJson.RootElement.GetProperty("forecast");
        Assert.Equal(JsonValueKind.Null, forecast.GetProperty("etaSeconds").ValueKind);
        Assert.StartsWith("one sample: no trend", forecast.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("one sample: no trend", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(diagnoseJson.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() is "forecast" or "no-forecast");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Out, string Error) InNamespace(ExhaustedWorkload workload, params string[] args) =>
        workload.Namespace.Exec(["env", $"XDG_DATA_HOME={TraceProcess.StateDirectory}", LabProcess.Binary, .. args]);
}
