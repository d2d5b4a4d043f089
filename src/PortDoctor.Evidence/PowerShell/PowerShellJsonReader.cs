using System.Text;
using System.Text.Json;

namespace PortDoctor.Evidence.PowerShell;

/// <summary>
/// Reads the JSON (see <see cref="PowerShellJsonFormat"/>) as its lines arrive: the bytes go to a
/// <see cref="Utf8JsonReader"/> in blocks (isFinalBlock false, state carried over), and only the
/// unfinished last token is kept between blocks. Memory is bounded by the largest single token,
/// not by the file or by an object. Nested values (CimClass, CimInstanceProperties, ...) are only
/// tokenized, never materialised.
/// </summary>
internal sealed class PowerShellJsonReader : IUtf8LineReader
{
    private const int Block = 1 << 16;
    private static readonly JsonReaderOptions Options = new()
    {
        AllowTrailingCommas = true,
        AllowMultipleValues = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private readonly EvidenceCollector _collector;
    private readonly JsonConnectionRecord _record;
    private readonly Func<long, long> _lineAt;
    private byte[] _buffer = new byte[Block * 2];
    private int _filled;
    private JsonReaderState _state = new(Options);

    // Line accounting: _countedLine is the line of _buffer[_counted]; newlines before it are counted.
    private int _counted;
    private long _countedLine = 1;
    private long _lastLine;
    private long _joinedPieces;
    private bool _failed;
    private bool _done;

    public PowerShellJsonReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
        _record = new JsonConnectionRecord(collector);
        _lineAt = offset => LineAt(checked((int)offset));
    }

    public bool TryLine(ReadOnlySpan<byte> line, long number)
    {
        if (!_failed)
        {
            Append(line, number);
        }

        return true;
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        if (_failed)
        {
            return;
        }

        // The general path (UTF-16 from PowerShell's ">", code pages): back to UTF-8 for the reader.
        var bytes = Encoding.UTF8.GetMaxByteCount(line.Length);
        Reserve(bytes + 1);
        var written = Encoding.UTF8.GetBytes(line, _buffer.AsSpan(_filled));
        _filled += written;
        EndLine(line.Length, number);
    }

    public void Finish()
    {
        if (!_failed)
        {
            Drain(isFinalBlock: true);
        }

        _collector.EndLastSnapshot();
        _record.Finish();
    }

    private void Append(ReadOnlySpan<byte> line, long number)
    {
        Reserve(line.Length + 1);
        line.CopyTo(_buffer.AsSpan(_filled));
        _filled += line.Length;
        EndLine(line.Length, number);
    }

    private void EndLine(int length, long number)
    {
        _lastLine = number;
        if (LinePieces.IsCut(length))
        {
            _joinedPieces++;
        }
        else
        {
            _buffer[_filled++] = (byte)'\n';
        }

        if (_filled >= Block)
        {
            Drain(isFinalBlock: false);
        }
    }

    private void Reserve(int more)
    {
        if (_filled + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _filled + more));
        }
    }

    private void Drain(bool isFinalBlock)
    {
        var data = _buffer.AsSpan(0, _filled);
        if (_done)
        {
            After(data);
            _filled = 0;
            _counted = 0;
            return;
        }

        var reader = new Utf8JsonReader(data, isFinalBlock, _state);
        try
        {
            while (!_done && reader.Read())
            {
                _done = _record.Token(ref reader, _lineAt);
            }
        }
        catch (JsonException ex)
        {
            _failed = true;
            // The reader counts lines across blocks; a cut file fails past the newline added to its last line.
            _collector.Unreadable(ex.LineNumber is long l ? Math.Min(l + 1 + _joinedPieces, _lastLine) : _lastLine);
            _collector.Note(new Note(NoteKind.JsonDamaged));
            return;
        }

        var consumed = checked((int)reader.BytesConsumed);
        _state = reader.CurrentState;
        if (_done)
        {
            After(data[consumed..]);
            consumed = _filled;
        }

        LineAt(consumed);
        data[consumed..].CopyTo(_buffer);
        _filled -= consumed;
        _counted = 0;
        if (_buffer.Length > Block * 2 && _filled < Block)
        {
            // A huge token made the buffer grow: give the memory back once it is consumed.
            Array.Resize(ref _buffer, Block * 2);
        }
    }

    /// <summary>What follows the one top-level value: whitespace, or another value that is not read.</summary>
    private void After(ReadOnlySpan<byte> rest)
    {
        if (rest.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
        {
            _collector.Note(new Note(NoteKind.JsonTrailingText));
        }
    }

    private long LineAt(int offset)
    {
        _countedLine += _buffer.AsSpan(_counted, offset - _counted).Count((byte)'\n');
        _counted = offset;
        return _countedLine;
    }
}
