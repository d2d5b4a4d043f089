namespace PortDoctor.Evidence;

/// <summary>The first lines of a file, decoded and with blank lines kept, for format detection.</summary>
public sealed class FormatSample
{
    public FormatSample(IReadOnlyList<string> lines, string fileName)
    {
        // Color sequences (PowerShell 7.2+ table headers and list labels) would hide the labels detection looks for.
        Lines = lines.Any(l => l.Contains('\u001b') || l.Contains('\u2190')) ? [.. lines.Select(l => PastedMarkup.WithoutColor(l).ToString())] : lines;
        FileName = fileName;
        Text = string.Join('\n', Lines);
    }

    public IReadOnlyList<string> Lines { get; }

    public string Text { get; }

    public string FileName { get; }

    public IEnumerable<string> NonBlank => Lines.Where(l => !string.IsNullOrWhiteSpace(l));

    /// <summary>The first non-blank line, for "first line that failed" messages.</summary>
    public string FirstLine => NonBlank.FirstOrDefault() ?? "";

    public bool Contains(string text) => Text.Contains(text, StringComparison.OrdinalIgnoreCase);

    /// <summary>How many of the lines satisfy the test.</summary>
    public int Count(Func<string, bool> test) => Lines.Count(test);
}
