using PortDoctor.Core.Model;

namespace PortDoctor.History;

/// <summary>Where the history file lives when no --db is given: a pure rule, so it is tested on any OS.</summary>
public static class HistoryPaths
{
    public const string FileName = "history.db";

    /// <summary>
    /// Windows: %ProgramData%\PortDoctor\history.db. Unix root: /var/lib/portdoctor/history.db.
    /// Unix user: $XDG_DATA_HOME/portdoctor/history.db, else ~/.local/share/portdoctor/history.db.
    /// </summary>
    public static string Default(OsKind os, bool isRoot, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (os == OsKind.Windows)
        {
            var programData = NonEmpty(environment("ProgramData")) ?? @"C:\ProgramData";
            return programData.TrimEnd('\\') + @"\PortDoctor\" + FileName;
        }

        if (isRoot)
        {
            return "/var/lib/portdoctor/" + FileName;
        }

        if (NonEmpty(environment("XDG_DATA_HOME")) is { } dataHome && dataHome.StartsWith('/'))
        {
            return dataHome.TrimEnd('/') + "/portdoctor/" + FileName;
        }

        var home = NonEmpty(environment("HOME")) ?? throw new Core.PortDoctorException(
            "HOME is not set, so there is no default history file; give one with --db PATH", Core.ExitCode.Usage);
        return home.TrimEnd('/') + "/.local/share/portdoctor/" + FileName;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
