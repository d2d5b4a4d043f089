using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace PortDoctor.Platform.Bundle;

/// <summary>Captures items one by one; a failing or missing command is recorded in its item, never fatal.</summary>
public static class EvidenceCapture
{
    /// <summary>Per item: keeps a bundle under 50 MB with room for the rest.</summary>
    public const int MaxItemBytes = 16 * 1024 * 1024;

    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(20);

    public static CapturedItem Capture(EvidenceItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.SkipReason is { } reason)
        {
            return Skipped(item, reason, TimeSpan.Zero);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            var (exit, text) = Run(item);
            if (item.LineFilter is { } filter)
            {
                text = string.Concat(text.Split('\n').Where(l => filter.IsMatch(l)).Select(l => l + "\n"));
            }

            var bytes = Encoding.UTF8.GetBytes(text);
            var truncated = bytes.Length > MaxItemBytes;
            return new CapturedItem(item.Name, item.CommandText, exit, clock.Elapsed, truncated ? bytes[..MaxItemBytes] : bytes) { Truncated = truncated };
        }
        catch (Win32Exception)
        {
            return Skipped(item, $"command missing: {item.Command![0]}", clock.Elapsed);
        }
        catch (TimeoutException ex)
        {
            return Skipped(item, ex.Message, clock.Elapsed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Skipped(item, $"cannot read: {ex.Message}", clock.Elapsed);
        }
    }

    private static (int? Exit, string Text) Run(EvidenceItem item)
    {
        if (item.Command is { } command)
        {
            var result = ExternalCommand.Run(command[0], [.. command.Skip(1)], CommandTimeout);
            return (result.ExitCode, result.ExitCode == 0 || result.Error.Length == 0 ? result.Output : result.Output + result.Error);
        }

        return item.File is { } file ? (null, System.IO.File.ReadAllText(file)) : (null, item.Produce!());
    }

    private static CapturedItem Skipped(EvidenceItem item, string reason, TimeSpan duration) =>
        new(item.Name, item.CommandText, null, duration, []) { Skipped = reason };
}
