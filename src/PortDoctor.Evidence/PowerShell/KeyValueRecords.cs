namespace PortDoctor.Evidence.PowerShell;

/// <summary>
/// Format-List style records: "Key : value" lines, records separated by blank lines or by a key
/// seen again; indented lines continue the previous value (long messages wrap that way).
/// </summary>
internal sealed class KeyValueRecords
{
    private readonly Action<IReadOnlyDictionary<string, string>, long> _onRecord;
    private readonly Dictionary<string, string> _current = new(StringComparer.OrdinalIgnoreCase);
    private string? _lastKey;
    private JoinedText? _continued;
    private long _firstLine;

    public KeyValueRecords(Action<IReadOnlyDictionary<string, string>, long> onRecord) => _onRecord = onRecord;

    /// <summary>A key is a short run of letters, digits, spaces, '-', '.' and a unit in parentheses ("MinRto(ms)") before the first colon.</summary>
    public static bool TrySplit(ReadOnlySpan<char> line, out string key, out string value)
    {
        key = value = "";
        var colon = line.IndexOf(':');
        if (colon <= 0 || colon > 40)
        {
            return false;
        }

        var k = line[..colon].Trim();
        if (k.IsEmpty || k.ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -._[]()") && !HasLettersOnly(k))
        {
            return false;
        }

        key = k.ToString();
        value = line[(colon + 1)..].Trim().ToString();
        return true;
    }

    /// <summary>Returns false when the line is neither blank, a key line, nor a continuation.</summary>
    public bool Line(ReadOnlySpan<char> line, long number)
    {
        if (line.Trim().IsEmpty || PastedMarkup.IsNoise(line))
        {
            // A code fence or elision of a paste ends the record like a blank line.
            Flush();
            return true;
        }

        var continuation = line[0] is ' ' or '\t' && _lastKey is not null && (line.TrimStart().IndexOf(':') is < 0 or > 40 || line.Length - line.TrimStart().Length > 10);
        if (!continuation && TrySplit(line, out var key, out var value))
        {
            EndValue();
            if (_current.ContainsKey(key))
            {
                Flush();
            }

            if (_current.Count == 0)
            {
                _firstLine = number;
            }

            _current[key] = value;
            _lastKey = key;
            return true;
        }

        if (_lastKey is not null)
        {
            // Joined in a builder and stored when the value ends: concatenating per line is quadratic.
            _continued ??= new JoinedText(_current[_lastKey]);
            _continued.Append(line.Trim());
            return true;
        }

        return false;
    }

    /// <summary>
    /// The byte fast path of <see cref="Line"/> for the commonest line of a long record: an indented
    /// continuation in plain ASCII (printable or tab), appended as Line appends it. Returns false,
    /// having changed nothing, for any other line (blank, a key line, a fence or elision, non-ASCII):
    /// the general path takes it.
    /// </summary>
    public bool TryContinuation(ReadOnlySpan<byte> line, AsciiLineShape shape) =>
        _lastKey is not null && TryContinuationPiece(line, shape, out var piece) && TryAppendContinuation(line[piece]);

    /// <summary>
    /// Pure: the piece (the line without its indentation and trailing blanks) that
    /// <see cref="TryContinuation"/> would append after a key line, or false for a line it leaves to Line.
    /// </summary>
    public static bool TryContinuationPiece(ReadOnlySpan<byte> line, in AsciiLineShape shape, out Range piece)
    {
        piece = default;

        // An indented line (its first field byte past the start) of plain bytes.
        if (shape.FirstField <= 0 || !shape.Plain)
        {
            return false;
        }

        // Perhaps a code fence or an elision (PastedMarkup.IsNoise): left to Line.
        if (line[shape.FirstField] is (byte)'~' or (byte)'`' or (byte)'[' or (byte)'.' or (byte)'^')
        {
            return false;
        }

        // Line's rule: no colon in the first 40 characters, or indented more than 10.
        var colon = shape.FirstColon < 0 ? -1 : shape.FirstColon - shape.FirstField;
        var indent = shape.FirstField;
        if (colon is >= 0 and <= 40 && indent <= 10)
        {
            return false;
        }

        piece = shape.FirstField..(shape.LastField + 1);
        return true;
    }

    /// <summary>Appends a piece <see cref="TryContinuationPiece"/> found, when a key's value is open (else false, having changed nothing).</summary>
    public bool TryAppendContinuation(ReadOnlySpan<byte> piece)
    {
        if (_lastKey is null)
        {
            return false;
        }

        _continued ??= new JoinedText(_current[_lastKey]);
        _continued.AppendAscii(piece);
        return true;
    }

    public void Flush()
    {
        EndValue();
        if (_current.Count > 0)
        {
            _onRecord(_current, _firstLine);
        }

        _current.Clear();
        _lastKey = null;
    }

    private void EndValue()
    {
        if (_continued is not null && _lastKey is not null)
        {
            _current[_lastKey] = _continued.ToString();
        }

        _continued = null;
    }

    private static bool HasLettersOnly(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            // French labels carry an apostrophe: "ID de l'événement", typographic or not.
            if (!(char.IsLetterOrDigit(c) || c is ' ' or '-' or '.' or '_' or '\'' or '\u2019'))
            {
                return false;
            }
        }

        return true;
    }
}
