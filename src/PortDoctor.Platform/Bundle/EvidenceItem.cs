namespace PortDoctor.Platform.Bundle;

/// <summary>
/// One thing a support engineer asks for, as collect captures it: a command's output (an argument
/// list, no shell), a file's copy, or text the tool produces itself (e.g. the port sysctls).
/// </summary>
public sealed record EvidenceItem(string Name)
{
    /// <summary>Program and arguments.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>A file copied as it is (procfs files are read to their end).</summary>
    public string? File { get; init; }

    /// <summary>Text built by the tool; <see cref="Description"/> says from what.</summary>
    public Func<string>? Produce { get; init; }

    /// <summary>What the manifest shows as the item's command when it is not a command line.</summary>
    public string? Description { get; init; }

    /// <summary>Keep only the output lines that match (the kernel log's socket lines); null keeps all.</summary>
    public System.Text.RegularExpressions.Regex? LineFilter { get; init; }

    /// <summary>Why it cannot be captured here before trying (e.g. "needs admin"), or null.</summary>
    public string? SkipReason { get; init; }

    public string CommandText => Command is { } c ? string.Join(' ', c) : File is { } f ? $"copy of {f}" : Description ?? Name;
}
