using System.CommandLine;
using PortDoctor.History;

namespace PortDoctor.Cli.Commands;

/// <summary>The --db option `monitor` and `history` share, and the default file when it is not given.</summary>
internal static class HistoryFile
{
    public static Option<string?> CreateOption() => new("--db")
    {
        Description = "The history file (SQLite). Default: /var/lib/portdoctor/history.db for root, ~/.local/share/portdoctor/history.db for a user, %ProgramData%\\PortDoctor\\history.db on Windows.",
    };

    public static string Resolve(CliEnvironment env, string? given) =>
        string.IsNullOrWhiteSpace(given)
            ? env.DefaultHistory ?? HistoryPaths.Default(env.Host.Os, Environment.IsPrivilegedProcess, Environment.GetEnvironmentVariable)
            : given;
}
