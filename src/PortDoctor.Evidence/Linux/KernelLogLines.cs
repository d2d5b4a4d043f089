using System.Globalization;

namespace PortDoctor.Evidence.Linux;

/// <summary>
/// Picks the kernel log lines that speak to socket and port pressure out of
/// `dmesg --time-format iso` output ("2026-11-25T02:00:00,123456+00:00 TCP: ..."), one event per
/// distinct message with its count and last time. Other lines are ignored, not errors.
/// </summary>
public static class KernelLogLines
{
    public const string Source = "kernel";

    /// <summary>Message fragments worth reporting; the kernel prints no line for EADDRNOTAVAIL itself.</summary>
    public static readonly IReadOnlyList<string> Meaningful =
    [
        "time wait bucket table overflow",
        "too many orphaned sockets",
        "out of memory -- consider tuning tcp_mem",
    ];

    public static IReadOnlyList<PortEvent> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var events = new Dictionary<string, PortEvent>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                continue;
            }

            var message = line[(space + 1)..].Trim();
            if (!Meaningful.Any(m => message.Contains(m, StringComparison.Ordinal)) ||
                !DateTimeOffset.TryParse(line[..space].Replace(',', '.'), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                continue;
            }

            events[message] = events.TryGetValue(message, out var seen)
                ? seen with { Time = time > seen.Time ? time : seen.Time, Count = seen.Count + 1 }
                : new PortEvent(time, Source, 0, message) { Protocol = TransportProtocol.Tcp };
        }

        return [.. events.Values.OrderBy(e => e.Time)];
    }
}
