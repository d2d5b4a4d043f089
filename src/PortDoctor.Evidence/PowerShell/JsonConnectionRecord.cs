using System.Text;
using System.Text.Json;

namespace PortDoctor.Evidence.PowerShell;

/// <summary>
/// Follows ConvertTo-Json's tokens one at a time and turns each connection object into a socket.
/// Records are the objects of the top-level array, top-level objects themselves (one connection,
/// or one per line from <c>ForEach-Object { $_ | ConvertTo-Json -Compress }</c>), or the objects
/// of a "value" array (Windows PowerShell's <c>{"value": [...], "Count": n}</c>
/// wrapper for an array passed as -InputObject). Only the six connection properties (and a computed ProcessName) of a record
/// are kept; anything nested (CimClass, CimInstanceProperties, CimSystemProperties) is skipped
/// token by token without being built.
/// </summary>
internal sealed class JsonConnectionRecord
{
    private const int Value = -2;
    private const int None = -1;
    private const string Nested = "{nested}";  // a value no connection property can have
    private const int OwnerProperty = 5;  // OwningProcess in Names

    private static readonly byte[][] Names =
    [
        "LocalAddress"u8.ToArray(), "LocalPort"u8.ToArray(), "RemoteAddress"u8.ToArray(),
        "RemotePort"u8.ToArray(), "State"u8.ToArray(), "OwningProcess"u8.ToArray(), "ProcessName"u8.ToArray(),
    ];

    private static readonly string[] Keys =
    [
        PowerShellConnection.LocalAddress, PowerShellConnection.LocalPort, PowerShellConnection.RemoteAddress,
        PowerShellConnection.RemotePort, PowerShellConnection.State, PowerShellConnection.OwningProcess,
        PowerShellConnection.ProcessName,
    ];

    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new();
    private readonly string?[] _fields = new string?[Names.Length];
    private readonly Func<string, string?> _field;
    private bool _started;
    private bool _inRecord;
    private bool _ownerSeen;
    private int _recordDepth;
    private int _property = None;
    private long _recordLine;
    private long _rows;
    private long _withOwner;

    public JsonConnectionRecord(EvidenceCollector collector)
    {
        _collector = collector;
        _field = key => Array.IndexOf(Keys, key) is >= 0 and var i ? _fields[i] : null;
    }

    /// <summary>Takes the reader's current token; true when the top-level value is complete.</summary>
    public bool Token(ref Utf8JsonReader reader, Func<long, long> lineAt)
    {
        var depth = reader.CurrentDepth;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject when !_started:
                _started = true;
                Begin(lineAt(reader.TokenStartIndex));
                break;
            case JsonTokenType.StartArray when !_started:
                _started = true;
                _recordDepth = 1;
                break;
            case JsonTokenType.StartObject when !_inRecord && depth == _recordDepth:
                Begin(lineAt(reader.TokenStartIndex));
                break;
            case JsonTokenType.StartArray when _inRecord && _property == Value && _recordDepth == 0:
                // {"value": [...], "Count": n}: the wrapper is no connection; its array's objects are.
                _inRecord = false;
                _recordDepth = 2;
                break;
            case JsonTokenType.StartObject or JsonTokenType.StartArray when _inRecord && depth == _recordDepth + 1:
                Capture(Nested);
                break;
            case JsonTokenType.StartArray when !_inRecord && depth == _recordDepth:
                _collector.Unreadable(lineAt(reader.TokenStartIndex));
                break;
            case JsonTokenType.PropertyName when _inRecord && depth == _recordDepth + 1:
                _property = Property(ref reader);
                break;
            case JsonTokenType.EndObject when _inRecord && depth == _recordDepth:
                End();
                break;
            case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                Scalar(ref reader, depth, lineAt);
                break;
            default:
                break;
        }

        // Top-level objects may follow one another (one -Compress object per line): only the end of
        // an array, or of the value/Count wrapper, ends the reading.
        return depth == 0 && (reader.TokenType == JsonTokenType.EndArray || reader.TokenType == JsonTokenType.EndObject && _recordDepth != 0) ||
               !_started && reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.StartObject);
    }

    public void Finish()
    {
        if (_rows > 0 && _withOwner == 0)
        {
            _collector.Note(new Note(NoteKind.NoOwningProcessProperty));
        }
    }

    private void Scalar(ref Utf8JsonReader reader, int depth, Func<long, long> lineAt)
    {
        if (_inRecord && depth == _recordDepth + 1)
        {
            // Only the wanted values are decoded; the other properties cost no string.
            Capture(_property < 0 ? null : reader.TokenType switch
            {
                JsonTokenType.String => StringOf(ref reader),
                JsonTokenType.Null => null,
                _ => Encoding.UTF8.GetString(reader.ValueSpan),
            });
        }
        else if (_started && !_inRecord && depth == _recordDepth && _recordDepth > 0)
        {
            // A number or null where the array should hold a connection object.
            _collector.Unreadable(lineAt(reader.TokenStartIndex));
        }
    }

    private static string StringOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 past the 64 KB that detection checked: the reader does not validate
            // string bytes, GetString does. The value is unreadable, and so is its record.
            return Nested;
        }
    }

    private void Begin(long line)
    {
        _inRecord = true;
        _recordLine = line;
        _ownerSeen = false;
        _property = None;
        Array.Clear(_fields);
    }

    private void Capture(string? value)
    {
        if (_property >= 0)
        {
            _fields[_property] = value;
            _ownerSeen |= _property == OwnerProperty;
        }

        _property = None;
    }

    private void End()
    {
        _inRecord = false;
        if (PowerShellConnection.TryCreate(_field, _endpoints, out var entry))
        {
            _rows++;
            _withOwner += _ownerSeen ? 1 : 0;
            _collector.AddSocket(entry!);
        }
        else
        {
            _collector.Unreadable(_recordLine);
        }
    }

    private int Property(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (reader.ValueTextEquals(Names[i]))
            {
                return i;
            }
        }

        return _recordDepth == 0 && reader.ValueTextEquals("value"u8) ? Value : None;
    }
}
