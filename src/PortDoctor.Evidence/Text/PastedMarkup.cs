namespace PortDoctor.Evidence.Text;

/// <summary>
/// Lines that pasting adds around or inside a command's output, as issue threads and forum posts
/// show them: a Markdown code fence ("```", "```powershell", "~~~"), an elision ("[...]", "...",
/// "…"), and the "^C" a console echoes when an interval run (<c>netstat -ano 5</c>) is stopped.
/// None is output: readers skip them instead of counting them unreadable.
/// </summary>
internal static class PastedMarkup
{
    public static bool IsNoise(ReadOnlySpan<char> line)
    {
        var trimmed = line.Trim();
        return IsFence(trimmed) || trimmed is "[...]" or "[…]" or "..." or "…" or "^C";
    }

    /// <summary>
    /// The line without the VT color sequences PowerShell 7's Select-String puts around the match
    /// ("\u001b[7m8080\u001b[0m"); copied from a Windows 10 console, the escape shows as "←"
    /// ("←[7m8080←[0m", PowerShell/PowerShell#18294). The line itself when it has none.
    /// </summary>
    public static ReadOnlySpan<char> WithoutColor(ReadOnlySpan<char> line)
    {
        if (line.IndexOfAny('\u001b', '\u2190') < 0)
        {
            return line;
        }

        var kept = new System.Text.StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] is '\u001b' or '\u2190' && i + 1 < line.Length && line[i + 1] == '[')
            {
                var end = i + 2;
                while (end < line.Length && (char.IsAsciiDigit(line[end]) || line[end] == ';'))
                {
                    end++;
                }

                if (end < line.Length && char.IsAsciiLetter(line[end]))
                {
                    i = end;
                    continue;
                }
            }

            kept.Append(line[i]);
        }

        return kept.ToString();
    }

    /// <summary>
    /// "```" or "~~~" and an optional info string ("```text", "```powershell title=\"Terminal\"");
    /// as in CommonMark, a backtick fence's info string has no backtick.
    /// </summary>
    private static bool IsFence(ReadOnlySpan<char> trimmed) =>
        trimmed.StartsWith("~~~") || trimmed.StartsWith("```") && !trimmed.TrimStart('`').Contains('`');
}
