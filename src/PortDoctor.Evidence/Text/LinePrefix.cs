namespace PortDoctor.Evidence.Text;

/// <summary>
/// A prefix that a log put before every line of the output it captured: a CI runner's timestamp
/// ("2024-01-15T10:00:00.1234567Z " of GitHub Actions and Azure Pipelines), a Packer builder's
/// name ("    hyperv-iso: ", "==> hyperv-iso: "), a docker compose service ("web_1  | "). Found
/// when nine in ten of the sample's non-blank lines carry it (at least three lines), so that the
/// output under it is detected and read as if it had been saved on its own.
/// </summary>
internal sealed class LinePrefix
{
    private const int MinLines = 3;
    private const int MaxNameLength = 48;

    private readonly Func<string, int> _length;

    private LinePrefix(string description, Func<string, int> length) => (Description, _length) = (description, length);

    /// <summary>What the prefix is, for the note that says it was taken off.</summary>
    public string Description { get; }

    /// <summary>The prefix seen on most lines of <paramref name="lines"/>, or null.</summary>
    public static LinePrefix? Detect(IReadOnlyList<string> lines)
    {
        var nonBlank = lines.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (nonBlank.Count < MinLines)
        {
            return null;
        }

        bool Most(Func<string, int> length) => nonBlank.Count(l => length(l) > 0) * 10 >= nonBlank.Count * 9;

        if (Most(TimestampLength))
        {
            return new LinePrefix("a CI runner's timestamp (2024-01-15T10:00:00.0000000Z)", TimestampLength);
        }

        foreach (var tagged in new Func<string, string?>[] { BuilderName, ServiceName })
        {
            var name = nonBlank.Select(tagged).Where(n => n is not null).GroupBy(n => n).MaxBy(g => g.Count())?.Key;
            if (name is null)
            {
                continue;
            }

            int Length(string line) => tagged(line) == name ? TagLength(line) : 0;
            if (Most(Length))
            {
                return new LinePrefix($"the tag \"{name}\"", Length);
            }
        }

        return null;
    }

    /// <summary>The line without the prefix (unchanged when it has none).</summary>
    public string Strip(string line)
    {
        var length = _length(line);
        return length > 0 ? line[length..] : line;
    }

    /// <summary>"2024-01-15T10:00:00Z " or with a fraction of a second: its length, else 0.</summary>
    private static int TimestampLength(string line)
    {
        var text = line.AsSpan();
        if (text.Length < 20 || !DateTimeOffset.TryParse(text[..19], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _) ||
            text[10] != 'T')
        {
            return 0;
        }

        var i = 19;
        if (text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        return i < text.Length && text[i] == 'Z' && (i + 1 == text.Length || text[i + 1] == ' ') ? Math.Min(i + 2, text.Length) : 0;
    }

    /// <summary>Packer: "    NAME: ..." or "==> NAME: ...", NAME a builder name (letters, digits, '-', '_', '.').</summary>
    private static string? BuilderName(string line)
    {
        var text = line.AsSpan().TrimStart();
        if (text.StartsWith("==> "))
        {
            text = text[4..];
        }

        // A blank line of the output is the tag alone ("    hyperv-iso:").
        var colon = text.EndsWith(":") ? text.Length - 1 : text.IndexOf(": ");
        return colon is > 0 and <= MaxNameLength && IsName(text[..colon]) ? text[..colon].ToString() : null;
    }

    /// <summary>docker compose: "NAME  | ...".</summary>
    private static string? ServiceName(string line)
    {
        var bar = line.IndexOf(" | ", StringComparison.Ordinal);
        if (bar <= 0 || bar > MaxNameLength + 8)
        {
            return null;
        }

        var name = line.AsSpan(0, bar).Trim();
        return name.Length > 0 && IsName(name) ? name.ToString() : null;
    }

    /// <summary>Where the text after a builder's or a service's tag starts.</summary>
    private static int TagLength(string line)
    {
        var bar = line.IndexOf(" | ", StringComparison.Ordinal);
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (bar > 0 && (colon < 0 || bar < colon))
        {
            return bar + 3;
        }

        return colon > 0 ? colon + 2 : line.Length;
    }

    private static bool IsName(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
