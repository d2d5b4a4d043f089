using System.Globalization;
using PortDoctor.Core;
using PortDoctor.Core.Trends.Forecasting;
using PortDoctor.Core.Trends.Reporting;

namespace PortDoctor.Cli.Output.Report;

/// <summary>`report`: the model as JSON, as CSV (one row per process) and as a table with the forecast's basis above it.</summary>
internal static class ReportView
{
    private static readonly OutputColumn<ReportProcessJson>[] Columns =
    [
        new("pid", p => p.Pid.ToString(CultureInfo.InvariantCulture)) { AlignRight = true },
        new("process", p => p.Process),
        new("portsLatest", p => p.PortsLatest.ToString(CultureInfo.InvariantCulture)) { AlignRight = true },
        new("growthPerHour", p => p.GrowthPerHour?.ToString("0.#", CultureInfo.InvariantCulture) ?? "") { AlignRight = true },
        new("leak", p => p.Leak ? "true" : "false"),
        new("pattern", p => p.Pattern),
        new("restarts", p => p.Restarts.ToString(CultureInfo.InvariantCulture)) { AlignRight = true },
    ];

    public static ReportJson Json(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var empty = model.Samples == 0;
        return new ReportJson(
            model.Source, model.Samples, empty ? null : model.From, empty ? null : model.To, model.Pool, model.Capacity,
            Forecast(model.Forecast),
            [.. model.Processes.Select(p => new ReportProcessJson(
                p.Pid, p.Name, p.PortsLatest, p.GrowthPerHour is { } g ? Math.Round(g, 1) : null, p.Leak, p.Shape.ToName(), p.Restarts, p.Forecast.Detail))],
            [.. model.ChangePoints.Select(c => new ReportChangeJson(c.Time, c.Kind.ToName(), c.Detail, c.Process))]);
    }

    public static OutputDocument<ReportProcessJson> Document(ReportModel model)
    {
        var json = Json(model);
        return new OutputDocument<ReportProcessJson>(Columns, json.Processes, json, Output.Json.CliJsonContext.Readable.ReportJson)
        {
            Title = "Processes, most suspicious first",
            Caption = json.Processes.Count == 1 ? "1 process" : $"{json.Processes.Count.ToString(CultureInfo.InvariantCulture)} processes",
        };
    }

    /// <summary>The lines a person reads before the table: the span, then the forecast's basis or why there is none.</summary>
    public static IEnumerable<string> Header(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        yield return model.Samples == 0
            ? $"{model.Source}: no samples"
            : Invariant($"{model.Source}: {model.Samples:N0} sample{(model.Samples == 1 ? "" : "s")} from {model.From:u} to {model.To:u}, pool {model.Pool ?? "unknown"} of {model.Capacity:N0} ports");
        yield return model.Forecast.Forecast is { } f
            ? Invariant($"Forecast: {f.RatePerHour:+0} ports/h since {f.WindowStart:HH:mm} UTC, full in {Duration(f.EtaSeconds)} ({Duration(f.EtaLowSeconds)} - {Duration(f.EtaHighSeconds)}) after the last sample; R² {f.RSquared:0.00}, {f.Method}")
            : $"No forecast ({model.Forecast.Reason.ToName()}): {model.Forecast.Detail}";
    }

    /// <summary>The lines after the table: each change point.</summary>
    public static IEnumerable<string> Footer(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.ChangePoints.Count == 0)
        {
            yield return "Change points: none";
            yield break;
        }

        yield return "Change points:";
        foreach (var c in model.ChangePoints)
        {
            yield return Invariant($"  {c.Time:u}  {c.Kind.ToName()}  {(c.Process is { } p ? p + ": " : "pool: ")}{c.Detail}");
        }
    }

    private static ReportForecastJson Forecast(ForecastResult result)
    {
        var fit = result.Fit;
        if (result.Forecast is not { } f)
        {
            return new ReportForecastJson(null, null, null, fit is null ? null : Math.Round(fit.PerHour, 1), null, null, result.Reason.ToName(), result.Detail);
        }

        return new ReportForecastJson(
            Math.Round(f.EtaSeconds), Math.Round(f.EtaLowSeconds), Math.Round(f.EtaHighSeconds), Math.Round(f.RatePerHour, 1), f.Method,
            new ReportWindowJson(f.WindowStart, f.WindowEnd), null, result.Detail)
        {
            RatePerHourLow = fit is null ? null : Math.Round(fit.PerHourLow, 1),
            RatePerHourHigh = fit is null ? null : Math.Round(fit.PerHourHigh, 1),
            RSquared = Math.Round(f.RSquared, 3),
            TimeWaitLevel = f.TimeWaitLevel,
        };
    }

    private static string Duration(double seconds) => DurationText.Format(TimeSpan.FromSeconds(seconds));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
