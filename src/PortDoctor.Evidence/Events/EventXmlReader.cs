using System.Globalization;
using System.Xml;

namespace PortDoctor.Evidence.Events;

/// <summary>
/// Reads the XML events (see <see cref="EventXmlFormat"/>) as lines arrive: each &lt;Event&gt; is
/// cut out at its &lt;/Event&gt;, complete events are parsed in runs of about 64 KB and dropped.
/// Memory is bounded by one run plus the largest event (capped), not by the file. Whatever lies between events (the XML
/// declaration, an &lt;Events&gt; root, its end tag) is passed over, so wevtutil's root-less
/// sequence and Event Viewer's "Save as XML" read alike, and a damaged event costs only itself.
/// </summary>
internal sealed class EventXmlReader : IEvidenceLineReader
{
    /// <summary>A real event is a few KB (the message is capped at 32K characters); beyond this it is not one.</summary>
    private const int MaxEvent = 4 << 20;
    private const int Batch = 1 << 16;

    // One name table for every event's reader: element and attribute names are atomized once.
    private readonly XmlReaderSettings _settings = new()
    {
        NameTable = new NameTable(),
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
    private readonly List<(int Start, int End, long Line, bool Cut)> _pending = [];
    private char[] _text = new char[Batch * 2];
    private int _length;

    // _found: just past the last </Event> found; _scanFrom: where the search for the next one resumes.
    private int _found;
    private int _scanFrom;

    // Line accounting: _countedLine is the line of _text[_counted]; positions asked for only grow.
    private int _counted;
    private long _countedLine = 1;
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
            Found(end);
        }

        if (_pending.Count > 0 && _pending[^1].End - _pending[0].Start >= Batch)
        {
            Flush();
        }

        if (_length - _found > MaxEvent)
        {
            // No </Event> in 4 MB: not an event export at this point; drop it rather than grow.
            Flush();
            Damaged(EventStart(_found, _length) is int start ? LineOf(start) : LineOf(_found));
            _found = _scanFrom = _length;
        }
    }

    public void Finish()
    {
        Flush();
        if (EventStart(_found, _length) is int start)
        {
            // The file ends inside an event: it was cut.
            Damaged(LineOf(start));
        }

        if (_damaged > 0)
        {
            _collector.Note(new Note(NoteKind.EventXmlDamaged) { Count = _damaged });
        }

        _events.Finish();
    }

    private void Found(int end)
    {
        // Events do not nest: the last start tag is the one this end tag closes; a start tag before
        // it is an event cut short (a truncated paste in the middle of the file).
        if (LastEventStart(_found, end) is int start)
        {
            if (EventStart(_found, start) is int cut)
            {
                _pending.Add((cut, cut, LineOf(cut), true));
            }

            _pending.Add((start, end, LineOf(start), false));
        }

        _found = end;
        _scanFrom = Math.Max(_scanFrom, end);
    }

    /// <summary>
    /// Parses the pending events: each run of them separated only by white space goes through one
    /// XmlReader (creating a reader per event would cost more than the parse).
    /// </summary>
    private void Flush()
    {
        var i = 0;
        while (i < _pending.Count)
        {
            if (_pending[i].Cut)
            {
                Damaged(_pending[i++].Line);
                continue;
            }

            var j = i + 1;
            while (j < _pending.Count && !_pending[j].Cut && _text.AsSpan(_pending[j - 1].End, _pending[j].Start - _pending[j - 1].End).IndexOfAnyExcept(" \t\r\n") < 0)
            {
                j++;
            }

            i = Parse(i, j);
        }

        _pending.Clear();
    }

    /// <summary>Reads pending events [from, to); returns where to go on (past a damaged event).</summary>
    private int Parse(int from, int to)
    {
        var start = _pending[from].Start;
        var done = from;
        try
        {
            using var reader = XmlReader.Create(new StringReader(new string(_text, start, _pending[to - 1].End - start)), _settings);
            Read(reader, ref done);
            return to;
        }
        catch (XmlException)
        {
            // Well-formed events do not affect each other: the one that was being read is damaged.
            if (to - from > 1)
            {
                return Parse(done, done + 1);
            }

            Damaged(_pending[done].Line);
            return done + 1;
        }
    }

    private void Read(XmlReader reader, ref int done)
    {
        string? id = null, time = null, provider = null, message = null;
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "Event")
            {
                if (!_events.Add(id, time, provider, message ?? string.Join(" ", _data)))
                {
                    _collector.Unreadable(_pending[done].Line);
                }

                done++;
                (id, time, provider, message) = (null, null, null, null);
                _data.Clear();
            }
            else if (reader.NodeType == XmlNodeType.Element)
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

    private void Damaged(long line)
    {
        _damaged++;
        _collector.Unreadable(line);
    }

    /// <summary>Where the first complete &lt;/Event&gt; (or &lt;/Event &gt;) ends, if one has arrived.</summary>
    private int? NextEnd()
    {
        while (true)
        {
            var at = _text.AsSpan(_scanFrom, _length - _scanFrom).IndexOf("</Event", StringComparison.Ordinal);
            if (at < 0)
            {
                _scanFrom = Math.Max(_found, _length - "</Event".Length);
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

    private long LineOf(int index)
    {
        _countedLine += _text.AsSpan(_counted, index - _counted).Count('\n');
        _counted = index;
        return _countedLine;
    }

    /// <summary>Drops what is no longer needed and makes room for <paramref name="more"/> characters.</summary>
    private void Compact(int more)
    {
        if (_length + more <= _text.Length)
        {
            return;
        }

        var keep = _pending.Count > 0 ? _pending[0].Start : _found;
        if (keep > 0)
        {
            if (_counted < keep)
            {
                LineOf(keep);
            }

            _text.AsSpan(keep, _length - keep).CopyTo(_text);
            _length -= keep;
            _found -= keep;
            _scanFrom -= keep;
            _counted -= keep;
            for (var i = 0; i < _pending.Count; i++)
            {
                _pending[i] = _pending[i] with { Start = _pending[i].Start - keep, End = _pending[i].End - keep };
            }
        }

        if (_length + more > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + more));
        }
        else if (_text.Length > 1 << 22 && _length + more < Batch)
        {
            // One huge line made the buffer grow: give the memory back.
            Array.Resize(ref _text, Batch * 2);
        }
    }
}
