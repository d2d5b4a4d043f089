using System.Globalization;
using PortDoctor.Core.Model;
using PortDoctor.Core.Parsing.Text;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>
/// Turns one exported event, whatever the export, into a <see cref="PortEvent"/> when it is Tcpip
/// 4227 (TIME_WAIT reuse failed) or 4231 (ephemeral port allocation failed); other events are
/// counted and skipped. Both events are about TCP.
/// </summary>
internal sealed class TcpipEvents
{
    private readonly EvidenceCollector _collector;
    private readonly LogTimestamp _timestamps = new();
    private long _others;

    public TcpipEvents(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
    }

    /// <summary>Adds the event; false when it is damaged (no id or no readable time).</summary>
    public bool Add(string? id, string? time, string? source, string? message)
    {
        if (!int.TryParse(id?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var eventId) || !TryTime(time, out var when))
        {
            return false;
        }

        if (eventId is not (4227 or 4231) || source is not null && !source.Contains("Tcpip", StringComparison.OrdinalIgnoreCase) && source.Length > 0)
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
            _collector.Note(string.Create(CultureInfo.InvariantCulture, $"{_others} events other than Tcpip 4227/4231 ignored"));
        }

        if (_collector.Events.Count == 0)
        {
            _collector.Note("no Tcpip 4227/4231 events: no event confirms exhaustion in this export");
        }
    }

    private bool TryTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
        {
            return true;
        }

        return _timestamps.TryParse(text, out time);
    }
}
