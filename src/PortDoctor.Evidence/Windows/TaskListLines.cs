using System.Globalization;

namespace PortDoctor.Evidence.Windows;

/// <summary>
/// <c>tasklist</c> output pasted under netstat rows to name their PIDs (<c>tasklist /fi "pid eq
/// 4412"</c>, <c>tasklist | findstr 4412</c>): "app.exe    4412 Services    0     45,312 K", its
/// header ("Image Name   PID Session Name ...", PID untranslated) and its "=====" rule.
/// </summary>
internal static class TaskListLines
{
    private static readonly string[] MemoryUnits = ["K", "KB", "Ko", "КБ"];

    /// <summary>The "===== ====" rule, or a header: no digits, and a "PID" column.</summary>
    public static bool IsHeaderOrRule(ReadOnlySpan<char> trimmed)
    {
        if (trimmed.Length >= 3 && trimmed[0] == '=' && trimmed.Trim("= ").IsEmpty)
        {
            return true;
        }

        if (trimmed.IndexOfAnyInRange('0', '9') >= 0)
        {
            return false;
        }

        foreach (var word in trimmed.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word == "PID")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A row: image name (spaces allowed), PID, session name, session number, memory and its unit.</summary>
    public static bool TryRow(ReadOnlySpan<char> trimmed, out int pid, out string name)
    {
        pid = 0;
        name = "";
        var parts = trimmed.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 6 || !MemoryUnits.Contains(parts[^1]) ||
            !parts[^2].All(c => char.IsAsciiDigit(c) || c is ',' or '.' or '\'' or '\u00A0') ||
            !int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out _) ||
            !int.TryParse(parts[^5], NumberStyles.None, CultureInfo.InvariantCulture, out pid) || pid == 0)
        {
            return false;
        }

        name = string.Join(' ', parts[..^5]);
        return true;
    }
}
