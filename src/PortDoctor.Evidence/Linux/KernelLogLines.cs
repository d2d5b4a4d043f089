using System.Globalization;
using System.Text;

namespace PortDoctor.Evidence.Linux;

/// <summary>
/// Picks the kernel log lines that speak to socket and port pressure, one event per distinct
/// message with its count and last time, out of `dmesg --time-format iso` output
/// ("2026-11-25T02:00:00,123456+00:00 TCP: ...") or /dev/kmsg records. Other lines are ignored, not errors.
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
        var tally = new KernelLogTally();
        foreach (var line in text.Split('\n'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                continue;
            }

            var message = line[(space + 1)..].Trim();
            if (IsMeaningful(message, Meaningful) &&
                DateTimeOffset.TryParse(line[..space].Replace(',', '.'), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                tally.Add(time, message);
            }
        }

        return tally.Events;
    }

    /// <summary>
    /// One /dev/kmsg record ("PRI,SEQ,MICROSECONDS,FLAGS[,...];MESSAGE\n", then " KEY=VALUE" lines):
    /// its time (microseconds after boot, placed at <paramref name="boot"/>) and message, when the
    /// message holds one of <paramref name="meaningful"/>; false for any other record or a malformed one.
    /// The message is decoded only for records that are kept.
    /// </summary>
    public static bool TryKernelMessage(ReadOnlySpan<byte> record, DateTimeOffset boot, IReadOnlyList<string> meaningful, out DateTimeOffset time, out string message)
    {
        time = default;
        message = "";
        var semicolon = record.IndexOf((byte)';');
        if (semicolon < 0)
        {
            return false;
        }

        var text = record[(semicolon + 1)..];
        var end = text.IndexOf((byte)'\n');
        text = (end < 0 ? text : text[..end]).TrimEnd((byte)'\r');
        if (!ContainsAny(text, meaningful) || !TryMicroseconds(record[..semicolon], out var microseconds))
        {
            return false;
        }

        time = boot.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
        message = Encoding.UTF8.GetString(text).Trim();
        return true;
    }

    internal static bool IsMeaningful(string message, IReadOnlyList<string> meaningful)
    {
        foreach (var fragment in meaningful)
        {
            if (message.Contains(fragment, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(ReadOnlySpan<byte> text, IReadOnlyList<string> meaningful)
    {
        foreach (var each in meaningful)
        {
            if (text.IndexOf(Encoding.UTF8.GetBytes(each)) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The third comma-separated field of a record's prefix: microseconds since boot.</summary>
    private static bool TryMicroseconds(ReadOnlySpan<byte> prefix, out long microseconds)
    {
        microseconds = 0;
        for (var field = 0; field < 2; field++)
        {
            var comma = prefix.IndexOf((byte)',');
            if (comma < 0)
            {
                return false;
            }

            prefix = prefix[(comma + 1)..];
        }

        var next = prefix.IndexOf((byte)',');
        return long.TryParse(next < 0 ? prefix : prefix[..next], NumberStyles.None, CultureInfo.InvariantCulture, out microseconds);
    }
}

/// <summary>Kernel log events counted per distinct message, with the last time each was seen.</summary>
public sealed class KernelLogTally
{
    private readonly Dictionary<string, PortEvent> _events = new(StringComparer.Ordinal);

    public void Add(DateTimeOffset time, string message) =>
        _events[message] = _events.TryGetValue(message, out var seen)
            ? seen with { Time = time > seen.Time ? time : seen.Time, Count = seen.Count + 1 }
            : new PortEvent(time, KernelLogLines.Source, 0, message) { Protocol = TransportProtocol.Tcp };

    /// <summary>Oldest last time first.</summary>
    public IReadOnlyList<PortEvent> Events => [.. _events.Values.OrderBy(e => e.Time)];
}
