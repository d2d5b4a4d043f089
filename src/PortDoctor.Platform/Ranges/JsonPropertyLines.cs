using System.Text;
using System.Text.Json;

namespace PortDoctor.Platform.Ranges;

/// <summary>Finds the line of a property in JSON text by its path ("ranges[0].start"), for file:line messages.</summary>
internal static class JsonPropertyLines
{
    public static int? LineOf(string json, string path)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                }

                if (frames.Count > 0 && frames[^1].IsArray)
                {
                    frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
                }

                if (token == JsonTokenType.PropertyName)
                {
                    frames[^1] = frames[^1] with { Name = reader.GetString()! };
                    if (string.Concat(frames.Select((f, i) => f.IsArray ? $"[{f.Index}]" : (i == 0 ? f.Name : "." + f.Name))) == path)
                    {
                        return 1 + utf8.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n');
                    }
                }
                else if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Add(new Frame(token == JsonTokenType.StartArray, -1, ""));
                }
            }
        }
        catch (JsonException)
        {
            // Text that does not parse has no lines to find; the caller names the field instead.
        }

        return null;
    }

    private readonly record struct Frame(bool IsArray, int Index, string Name);
}
