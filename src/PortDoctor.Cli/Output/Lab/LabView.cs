using System.Globalization;
using System.Text.Json;
using PortDoctor.Cli.Commands;
using PortDoctor.Cli.Output;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Platform.Lab;

namespace PortDoctor.Cli.Output.Lab;

/// <summary>
/// `lab --format json|csv`: one document of what the lab did and what diagnose found inside.
/// CSV is one row per run (so runs of several patterns concatenate), with diagnose's verdict and top culprit.
/// </summary>
internal static class LabView
{
    private static readonly OutputColumn<LabJson>[] Columns =
    [
        new("namespace", l => l.Namespace),
        new("pattern", l => l.Pattern),
        new("rangeStart", l => l.RangeStart.ToString(CultureInfo.InvariantCulture)),
        new("rangeEnd", l => l.RangeEnd.ToString(CultureInfo.InvariantCulture)),
        new("fillPercent", l => l.FillPercent?.ToString(CultureInfo.InvariantCulture)),
        new("workloadPid", l => l.WorkloadPid.ToString(CultureInfo.InvariantCulture)),
        new("taken", l => l.Taken.ToString(CultureInfo.InvariantCulture)),
        new("stopReason", l => l.StopReason),
        new("diagnoseExitCode", l => l.DiagnoseExitCode.ToString(CultureInfo.InvariantCulture)),
        new("verdict", l => Diagnosed(l, "verdict")?.GetString()),
        new("culpritPid", l => TopCulprit(l, "pid")?.GetInt32().ToString(CultureInfo.InvariantCulture)),
        new("culpritPattern", l => TopCulprit(l, "pattern")?.GetString()),
        new("culpritPorts", l => TopCulprit(l, "ports")?.GetInt32().ToString(CultureInfo.InvariantCulture)),
    ];

    public static OutputDocument<LabJson> Document(LabOptions options, LabResult result)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        JsonElement? diagnosis = null;
        try
        {
            using var document = JsonDocument.Parse(result.DiagnoseOutput);
            diagnosis = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Diagnose failed before printing JSON; its stderr was already relayed.
        }

        var json = new LabJson(
            options.Namespace, options.Pattern.ToName(), options.Range.Start, options.Range.End, options.FillPercent,
            result.WorkloadPid, result.Taken, result.StopReason, result.DiagnoseExitCode, diagnosis);
        return new OutputDocument<LabJson>(Columns, [json], json, CliJsonContext.Readable.LabJson);
    }

    private static JsonElement? Diagnosed(LabJson lab, string property) =>
        lab.Diagnosis is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(property, out var value) ? value : null;

    private static JsonElement? TopCulprit(LabJson lab, string property) =>
        Diagnosed(lab, "culprits") is { ValueKind: JsonValueKind.Array } culprits && culprits.GetArrayLength() > 0
        && culprits[0].TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;
}
