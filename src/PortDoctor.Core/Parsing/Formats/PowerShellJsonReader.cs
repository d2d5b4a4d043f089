using System.Text;
using System.Text.Json;
using PortDoctor.Core.Model;
using PortDoctor.Core.Parsing.Text;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>Reads the JSON; see <see cref="PowerShellJsonFormat"/>.</summary>
internal sealed class PowerShellJsonReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new();
    private readonly StringBuilder _text = new();
    private long _lines;

    public PowerShellJsonReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        _text.Append(line).Append('\n');
        _lines = number;
    }

    public void Finish()
    {
        var bytes = Encoding.UTF8.GetBytes(_text.ToString());
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var withOwner = 0;
        var rows = 0;
        try
        {
            if (!reader.Read())
            {
                return;
            }

            var array = reader.TokenType == JsonTokenType.StartArray;
            if (array && !reader.Read())
            {
                return;
            }

            while (reader.TokenType == JsonTokenType.StartObject)
            {
                var line = LineAt(bytes, (int)reader.TokenStartIndex);
                using (var element = JsonDocument.ParseValue(ref reader))
                {
                    var root = element.RootElement;
                    if (PowerShellConnection.TryCreate(k => Property(root, k), _endpoints, out var entry))
                    {
                        rows++;
                        withOwner += root.TryGetProperty(PowerShellConnection.OwningProcess, out _) ? 1 : 0;
                        _collector.AddSocket(entry!);
                    }
                    else
                    {
                        _collector.Unreadable(line);
                    }
                }

                if (!array || !reader.Read())
                {
                    break;
                }
            }
        }
        catch (JsonException ex)
        {
            _collector.Unreadable(ex.LineNumber is long l ? l + 1 : _lines);
            _collector.Note("the JSON ends early or is damaged: objects after the damage were not read");
        }

        _collector.EndSnapshot();
        if (rows > 0 && withOwner == 0)
        {
            _collector.Note("no OwningProcess property: per-process attribution unavailable");
        }
    }

    private static string? Property(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Null => null,
            _ => value.GetRawText(),
        };
    }

    private static long LineAt(byte[] bytes, int index) => bytes.AsSpan(0, Math.Min(index, bytes.Length)).Count((byte)'\n') + 1;
}
