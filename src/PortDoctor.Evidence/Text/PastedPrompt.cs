namespace PortDoctor.Evidence.Text;

/// <summary>
/// The command line people paste above an output ("$ ss -tan", "[root@web01 ~]# sudo netstat
/// -antp", "user@host:~$ lsof -i -n -P"): skipped by the readers, and read where the command says
/// what the output cannot (ss's state filter).
/// </summary>
internal static class PastedPrompt
{
    /// <summary>
    /// True when the line runs <paramref name="tool"/> after at most four prompt words;
    /// <paramref name="arguments"/> is the field index just after the tool's name.
    /// </summary>
    public static bool IsCommand(ReadOnlySpan<char> trimmed, string tool, Span<Range> fields, out int count, out int arguments)
    {
        count = Fields.Split(trimmed, fields);
        arguments = -1;
        for (var i = 0; i < count && i < 5; i++)
        {
            var field = trimmed[fields[i]];
            if (field.SequenceEqual(tool) || field.EndsWith("/" + tool, StringComparison.Ordinal))
            {
                arguments = i + 1;
                return true;
            }

            if (!IsPromptPart(field))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>True when the line runs <paramref name="tool"/> after prompt words.</summary>
    public static bool IsCommand(ReadOnlySpan<char> trimmed, string tool)
    {
        Span<Range> fields = stackalloc Range[6];
        return IsCommand(trimmed, tool, fields, out _, out _);
    }

    private static bool IsPromptPart(ReadOnlySpan<char> field) =>
        field is "sudo" or "$" or "#" or ">" or "%" ||
        field.EndsWith("$") || field.EndsWith("#") || field.EndsWith(">") || field.EndsWith("%") ||
        field.Contains('@') || field.Contains('~') || field.StartsWith("[");
}
