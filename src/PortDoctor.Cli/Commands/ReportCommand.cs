using System.CommandLine;
using PortDoctor.Cli.Output;
using PortDoctor.Cli.Output.Report;
using PortDoctor.Cli.Output.Report.Html;
using PortDoctor.Core;
using PortDoctor.Core.Trends.Forecasting;
using PortDoctor.Core.Trends.Reporting;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `portdoctor report`: which process leaks, how fast, and when the pool runs out (or why that
/// cannot be said), from the monitor's history or a multi-sample capture.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliEnvironment env)
    {
        var db = HistoryFile.CreateOption();
        var from = EvidenceInput.CreateFromOption();
        from.Validators.Clear(); // --since windows the files' own samples here, counted back from their last one.
        var inputFormat = EvidenceInput.CreateFormatOption();
        var since = new Option<string?>("--since")
        {
            Description = "How far back: 30m, 24h, 7d. With --db counted from now (default 24h); with --from from the files' last sample (default: all of it).",
        };
        var format = OutputWriters.CreateFormatOption();
        format.Description = "Output format: table (default), json (schema in docs/cli.md), csv (one row per process) or html (one self-contained page with charts; use --out).";
        var output = new Option<string?>("--out") { Description = "Write the report to this file (whole or not at all) instead of standard output." };
        var forecastWindow = new Option<string>("--forecast-window")
        {
            Description = "The shortest growth the forecast fits before it gives an ETA, 10s to 24h (default 30m; 20 samples are needed whatever it is). Shorter for a lab sampled every second.",
            DefaultValueFactory = _ => "30m",
        };
        var command = new Command("report", "Leaks, time to exhaustion with its band, and change points, from the monitor's history or a periodic log.")
        {
            db, from, inputFormat, since, format, output, forecastWindow,
        };
        command.SetAction((parse, cancel) =>
        {
            var formatText = parse.GetValue(format) ?? "table";
            var html = formatText.Trim().Equals("html", StringComparison.OrdinalIgnoreCase);
            var outputFormat = html ? OutputFormat.Table : OutputWriters.ParseFormat(formatText);
            var files = parse.GetValue(from) ?? [];
            if (files.Length > 0 && parse.GetValue(db) is not null)
            {
                throw new PortDoctorException("--db and --from are two sources: give one", ExitCode.Usage);
            }

            var window = parse.GetValue(since) is { } text ? DurationText.Parse("--since", text) : (TimeSpan?)null;
            var options = ForecastOptions.Default with { MinimumWindow = MonitorRequest.ParseForecastWindow(parse.GetValue(forecastWindow) ?? "30m") };
            var model = files.Length > 0
                ? ReportSources.FromBundleHistory(env, files, window, options, states: html) ?? ReportSources.FromFiles(env, files, parse.GetValue(inputFormat), window, cancel, options)
                : ReportSources.FromHistory(env, HistoryFile.Resolve(env, parse.GetValue(db)), window ?? TimeSpan.FromHours(24), options, states: html);
            ReportOutput.Write(env, parse.GetValue(output), target =>
            {
                if (html)
                {
                    ReportHtml.Write(target.Out, model, env.Time.GetUtcNow());
                }
                else
                {
                    Write(target, outputFormat, model);
                }
            });
            return Task.FromResult((int)ExitCode.Ok);
        });
        return command;
    }

    private static void Write(CliEnvironment env, OutputFormat format, ReportModel model)
    {
        if (format != OutputFormat.Table)
        {
            OutputWriters.Create(format, env).Write(ReportView.Document(model));
            return;
        }

        foreach (var line in ReportView.Header(model))
        {
            env.Out.WriteLine(line);
        }

        env.Out.WriteLine();
        OutputWriters.Create(format, env).Write(ReportView.Document(model));
        env.Out.WriteLine();
        foreach (var line in ReportView.Footer(model))
        {
            env.Out.WriteLine(line);
        }
    }
}
