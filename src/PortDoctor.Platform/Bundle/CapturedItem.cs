namespace PortDoctor.Platform.Bundle;

/// <summary>One item's outcome: its bytes, how the command ended and how long it took, or why it was skipped.</summary>
public sealed record CapturedItem(string Name, string Command, int? ExitCode, TimeSpan Duration, byte[] Content)
{
    /// <summary>Why there is no content (command missing, needs admin, timed out), or null.</summary>
    public string? Skipped { get; init; }

    /// <summary>The output was cut at <see cref="EvidenceCapture.MaxItemBytes"/>.</summary>
    public bool Truncated { get; init; }

    /// <summary>A file written beside the zip, not into it (a process dump): the manifest gives its size and SHA-256.</summary>
    public string? Beside { get; init; }

    /// <summary>Binary content (a SQLite history) that <c>--mask</c> must not rewrite as text: it was masked when it was made.</summary>
    public bool Binary { get; init; }
}
