using System.Globalization;
using System.Xml;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>
/// Reads the XML events (see <see cref="EventXmlFormat"/>) one &lt;Event&gt; at a time: text is kept
/// until an &lt;/Event&gt; arrives, that element alone is parsed and dropped. Memory is bounded by
/// the largest event (and a cap), not by the file. Whatever lies between events (the XML
/// declaration, an &lt;Events&gt; root, its end tag) is passed over, so wevtutil's root-less
/// sequence and Event Viewer's "Save as XML" read alike, and a damaged event costs only itself.
/// </summary>
internal sealed class EventXmlReader : IEvidenceLineReader
{
    /// <summary>A real event is a few KB (the message is capped at 32K characters); beyond this it is not one.</summary>
    private const int MaxEvent = 4 << 20;

    private static readonly XmlReaderSettings Settings = new()
    {
        ConformanceLevel = ConformanceLevel.Fragment,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private readonly EvidenceCollector _collector;
    private readonly TcpipEvents _events;
    private readonly List<string> _data = [];
    private char[] _text = new char[1 << 16];
    private int _head;
    private int _length;
    private int _scanFrom;
    private long _headLine = 1;
    private long _damaged;

    public EventXmlReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
        _events = new TcpipEvents(collector);
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        Compact(line.Length + 1);
        line.CopyTo(_text.AsSpan(_length));
        _length += line.Length;
        if (!LinePieces.IsCut(line.Length))
        {
            _text[_length++] = '\n';
        }

        while (NextEnd() is int end)
        {
            Event(end);
        }

        if (_length - _head > MaxEvent)
        {
            // No </Event> in 4 MB: not an event export at this point; drop it rather than grow.
            Damaged(EventStart(_head, _length) is int start ? LineOf(start) : _headLine);
            Advance(_length);
        }
    }

    public void Finish()
    {
        if (EventStart(_head, _length) is int start)
        {
            // The file ends inside an event: it was cut.
            Damaged(LineOf(start));
        }

        if (_damaged > 0)
        {
            _collector.Note(string.Create(CultureInfo.InvariantCulture,
                $"the XML ends early or is damaged: {_damaged} unreadable events skipped"));
        }

        _events.Finish();
    }

    /// <summary>Where the first complete &lt;/Event&gt; (or &lt;/Event &gt;) ends, if one has arrived.</summary>
    private int? NextEnd()
    {
        while (true)
        {
            var at = _text.AsSpan(_scanFrom, _length - _scanFrom).IndexOf("</Event", StringComparison.Ordinal);
            if (at < 0)
            {
                _scanFrom = Math.Max(_head, _length - "</Event".Length);
                return null;
            }

            var after = _scanFrom + at + "</Event".Length;
            var close = _text.AsSpan(after, _length - after).IndexOfAnyExcept(" \t\r\n");
            if (close < 0)
            {
                _scanFrom = _scanFrom + at;
                return null;
            }

            if (_text[after + close] == '>')
            {
                return after + close + 1;
            }

            _scanFrom = after;
        }
    }

    private void Event(int end)
    {
        // Events do not nest: the last start tag is the one this end tag closes; a start tag before
        // it is an event cut short (a truncated paste in the middle of the file).
        if (LastEventStart(_head, end) is int start)
        {
            if (EventStart(_head, start) is int cut)
            {
                Damaged(LineOf(cut));
            }

            Parse(new string(_text, start, end - start), LineOf(start));
        }

        Advance(end);
    }

    private void Parse(string element, long line)
    {
        string? id = null, time = null, provider = null, message = null;
        _data.Clear();
        try
        {
            using var reader = XmlReader.Create(new StringReader(element), Settings);
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    // ReadElementContentAsString moves past the element: do not Read() again after it.
                    switch (reader.LocalName)
                    {
                        case "EventID":
                            id = reader.ReadElementContentAsString();
                            continue;
                        case "Message":
                            message = reader.ReadElementContentAsString();
                            continue;
                        case "Data":
                            _data.Add(reader.ReadElementContentAsString());
                            continue;
                        case "Provider":
                            provider = reader.GetAttribute("Name") ?? provider;
                            break;
                        case "TimeCreated":
                            time = reader.GetAttribute("SystemTime");
                            break;
                        default:
                            break;
                    }
                }

                reader.Read();
            }
        }
        catch (XmlException)
        {
            Damaged(line);
            return;
        }

        if (!_events.Add(id, time, provider, message ?? string.Join(" ", _data)))
        {
            _collector.Unreadable(line);
        }
    }

    private void Damaged(long line)
    {
        _damaged++;
        _collector.Unreadable(line);
    }

    /// <summary>Where an &lt;Event&gt; start tag begins (not &lt;Events&gt;, &lt;EventData&gt;, ...).</summary>
    private int? EventStart(int from, int to)
    {
        while (from < to)
        {
            var at = _text.AsSpan(from, to - from).IndexOf("<Event", StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            if (IsEventTag(from + at, to))
            {
                return from + at;
            }

            from += at + "<Event".Length;
        }

        return null;
    }

    private int? LastEventStart(int from, int to)
    {
        while (to > from)
        {
            var at = _text.AsSpan(from, to - from).LastIndexOf("<Event", StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            if (IsEventTag(from + at, to))
            {
                return from + at;
            }

            to = from + at;
        }

        return null;
    }

    private bool IsEventTag(int at, int to)
    {
        var next = at + "<Event".Length;
        return next >= to || _text[next] is ' ' or '\t' or '\r' or '\n' or '>' or '/';
    }

    private long LineOf(int index) => _headLine + _text.AsSpan(_head, index - _head).Count('\n');

    private void Advance(int to)
    {
        _headLine = LineOf(to);
        _head = to;
        _scanFrom = Math.Max(_scanFrom, to);
    }

    /// <summary>Drops what was consumed and makes room for <paramref name="more"/> characters.</summary>
    private void Compact(int more)
    {
        if (_head > 0)
        {
            _text.AsSpan(_head, _length - _head).CopyTo(_text);
            _length -= _head;
            _scanFrom -= _head;
            _head = 0;
        }

        if (_length + more > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + more));
        }
        else if (_text.Length > 1 << 22 && _length + more < 1 << 16)
        {
            // One huge line made the buffer grow: give the memory back.
            Array.Resize(ref _text, 1 << 17);
        }
    }
}
