using System.CommandLine;

namespace PortDoctor.Cli.Commands;

/// <summary>Every verb, in the order `--help` lists them. One line per verb: add yours here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliEnvironment env)
    {
        yield return DiagnoseCommand.Create(env);
        yield return ConnectionsCommand.Create(env);
        yield return MonitorCommand.Create(env);
        yield return HistoryCommand.Create(env);
        yield return ReportCommand.Create(env);
        yield return RangeCommand.Create(env);
        yield return LabCommand.Create(env);
        yield return TraceCommand.Create(env);
        yield return CollectCommand.Create(env);
        yield return VersionCommand.Create(env);
        yield return CompletionCommand.Create(env);
    }
}
