using System.CommandLine;
using PortDoctor.Core;

namespace PortDoctor.Cli.Output;

/// <summary>The --format option every verb shares, and the writer for each format.</summary>
internal static class OutputWriters
{
    public static Option<string> CreateFormatOption() => new("--format", "-f")
    {
        Description = "Output format: table (default), json or csv. JSON and CSV are stable and in invariant culture (see docs/cli.md).",
        DefaultValueFactory = _ => "table",
    };

    public static OutputFormat ParseFormat(string text) => text.Trim().ToUpperInvariant() switch
    {
        "TABLE" => OutputFormat.Table,
        "JSON" => OutputFormat.Json,
        "CSV" => OutputFormat.Csv,
        _ => throw new PortDoctorException($"unknown --format '{text}': use table, json or csv", ExitCode.Usage),
    };

    public static IOutputWriter Create(OutputFormat format, CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return format switch
        {
            OutputFormat.Json => new JsonOutputWriter(env.Out, env.RawOut),
            OutputFormat.Csv => new CsvOutputWriter(env.Out),
            _ => new TableOutputWriter(env.CreateConsole()),
        };
    }

    /// <summary>What the source could not tell goes to stderr, one line each, so stdout stays parseable.</summary>
    public static void WriteNotes(CliEnvironment env, IEnumerable<Core.Model.Note> notes) => WriteNotes(env, Notes.NoteText.Render(notes));

    /// <summary>The CLI's own notes (a verb's, not a source's), already in words.</summary>
    public static void WriteNotes(CliEnvironment env, IEnumerable<string> notes)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(notes);
        foreach (var note in notes)
        {
            env.Error.WriteLine($"portdoctor: note: {note}");
        }
    }

    /// <summary>
    /// After the data: a missing privilege is one error line and exit code 77, so scripts notice
    /// that owners are incomplete; 0 when nothing was withheld.
    /// </summary>
    public static int ReportPermissionProblem(CliEnvironment env, Core.Model.Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.PermissionProblem is null)
        {
            return (int)ExitCode.Ok;
        }

        env.Error.WriteLine($"portdoctor: {snapshot.PermissionProblem}");
        return (int)ExitCode.NoPermission;
    }
}
