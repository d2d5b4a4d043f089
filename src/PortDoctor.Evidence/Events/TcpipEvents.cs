using System.Globalization;

namespace PortDoctor.Evidence.Events;

/// <summary>
/// Turns one exported event, whatever the export, into a <see cref="PortEvent"/> when it is Tcpip
/// 4227 (TIME_WAIT reuse failed) or 4231 (ephemeral port allocation failed); other events are
/// counted and skipped. Both events are about TCP.
/// </summary>
/// <remarks>
/// Real exports differ in what they keep: <c>Get-EventLog</c> shows the InstanceId with the
/// severity bits (4227 as 2147487875, seen in its tables as e.g. 1073748864 for Service Control
/// Manager 7040), its table shows "Mar 17 13:45" without a year, and an Event Viewer excerpt may
/// lack the Date line. Such an event is kept with the file's time and a note, never dropped.
/// </remarks>
internal sealed class TcpipEvents
{
    private readonly EvidenceCollector _collector;
    private readonly LogTimestamp _timestamps = new();
    private long _others;
    private long _withoutTime;
    private long _withoutYear;
    private long _idFromMessage;

    public TcpipEvents(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
    }

    /// <summary>
    /// Adds the event; false when it is damaged: no id (nor a message that names it), or a time
    /// that is there but unreadable. A missing time is not damage: the file's time stands in.
    /// </summary>
    public bool Add(string? id, string? time, string? source, string? message)
    {
        if (!TryEventId(id, message, out var eventId))
        {
            return false;
        }

        DateTimeOffset when;
        if (string.IsNullOrWhiteSpace(time))
        {
            _withoutTime++;
            when = _collector.FileTime;
        }
        else if (!TryTime(time, out when))
        {
            return false;
        }

        if (eventId is not (4227 or 4231) || source is not null && !source.Contains("Tcpip", StringComparison.OrdinalIgnoreCase) && source.Trim().Length > 0)
        {
            _others++;
            return true;
        }

        _collector.Events.Add(new PortEvent(when, string.IsNullOrWhiteSpace(source) ? "Tcpip" : source.Trim(), eventId, (message ?? "").Trim())
        {
            Protocol = TransportProtocol.Tcp,
        });
        return true;
    }

    public void Finish()
    {
        if (_others > 0)
        {
            _collector.Note(new Note(NoteKind.OtherEventsIgnored) { Count = _others });
        }

        if (_withoutTime > 0)
        {
            _collector.Note(new Note(NoteKind.EventsWithoutDate) { Count = _withoutTime });
        }

        if (_withoutYear > 0)
        {
            _collector.Note(new Note(NoteKind.EventsWithoutYear) { Count = _withoutYear });
        }

        if (_idFromMessage > 0)
        {
            _collector.Note(new Note(NoteKind.EventIdsFromMessage) { Count = _idFromMessage });
        }

        if (_collector.Events.Count == 0)
        {
            _collector.Note(new Note(NoteKind.NoConfirmingEvents));
        }
    }

    /// <summary>
    /// The event id from its text: "4227", an InstanceId with qualifiers ("2147487875": the low 16
    /// bits are the id), or, when there is no id at all, the English message of 4227/4231.
    /// </summary>
    private bool TryEventId(string? id, string? message, out int eventId)
    {
        eventId = 0;
        var text = id?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            eventId = EventMessageIds.IdOf(message);
            _idFromMessage += eventId > 0 ? 1 : 0;
            return eventId > 0;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > uint.MaxValue)
        {
            return false;
        }

        eventId = (int)(value > ushort.MaxValue ? value & 0xFFFF : value);
        return true;
    }

    private bool TryTime(string text, out DateTimeOffset time)
    {
        text = text.Trim();
        if (text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
        {
            return true;
        }

        if (_timestamps.TryParse(text, out time))
        {
            return true;
        }

        if (EventLogShortTime.TryParse(text, _collector.FileTime, out time))
        {
            _withoutYear++;
            return true;
        }

        return false;
    }
}
