namespace PortDoctor.Cli.Output.Json;

/// <summary>One item: the command (or file) it came from, its exit code (null for files and skipped items), time, size and SHA-256 of the bytes in the zip, or why it was skipped.</summary>
internal sealed record BundleItemJson(
    string Name,
    string Command,
    int? ExitCode,
    double DurationMs,
    long Size,
    string? Sha256,
    string? Skipped,
    bool Truncated);
