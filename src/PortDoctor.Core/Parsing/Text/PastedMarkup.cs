namespace PortDoctor.Core.Parsing.Text;

/// <summary>
/// Lines that pasting adds around or inside a command's output, as issue threads and forum posts
/// show them: a Markdown code fence ("```", "```powershell", "~~~"), an elision ("[...]", "...",
/// "…"), and the "^C" a console echoes when an interval run (<c>netstat -ano 5</c>) is stopped.
/// None is output: readers skip them instead of counting them unreadable.
/// </summary>
public static class PastedMarkup
{
    public static bool IsNoise(ReadOnlySpan<char> line)
    {
        var trimmed = line.Trim();
        return IsFence(trimmed) || trimmed is "[...]" or "[…]" or "..." or "…" or "^C";
    }

    /// <summary>
    /// "```" or "~~~" and an optional info string ("```text", "```powershell title=\"Terminal\"");
    /// as in CommonMark, a backtick fence's info string has no backtick.
    /// </summary>
    private static bool IsFence(ReadOnlySpan<char> trimmed) =>
        trimmed.StartsWith("~~~") || trimmed.StartsWith("```") && !trimmed.TrimStart('`').Contains('`');
}
