using System.CommandLine;
using PortDoctor.Cli.Output;
using PortDoctor.Cli.Output.History;
using PortDoctor.Core;
using PortDoctor.History;

namespace PortDoctor.Cli.Commands;

/// <summary>`portdoctor history`: the monitor's samples read back, one row per sample; reads while a monitor writes.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliEnvironment env)
    {
        var db = HistoryFile.CreateOption();
        var since = new Option<string>("--since")
        {
            Description = "How far back: 90s, 30m, 24h, 7d (default 24h).",
            DefaultValueFactory = _ => "24h",
        };
        var format = OutputWriters.CreateFormatOption();
        var command = new Command("history", "Show the samples `portdoctor monitor` stored: ports in use, utilization and top processes over time.")
        {
            db, since, format,
        };
        command.SetAction((parse, _) =>
        {
            var outputFormat = OutputWriters.ParseFormat(parse.GetValue(format) ?? "table");
            var window = DurationText.Parse("--since", parse.GetValue(since) ?? "24h");
            var path = HistoryFile.Resolve(env, parse.GetValue(db));
            var now = env.Host.Time.GetUtcNow();
            using var store = HistoryStore.OpenReadOnly(path);
            var samples = store.Query(now - window, now + TimeSpan.FromDays(1));
            OutputWriters.Create(outputFormat, env).Write(HistoryView.Document(samples, store.Path));
            return Task.FromResult((int)ExitCode.Ok);
        });
        return command;
    }
}
