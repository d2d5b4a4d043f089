using System.Globalization;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;

namespace PortDoctor.Cli.Output.Notes;

/// <summary>Notes as JSON objects: every value the note holds, by the name of its field.</summary>
internal static class NoteView
{
    public static IReadOnlyList<NoteJson> ToJson(IEnumerable<Note> notes) => [.. notes.Select(ToJson)];

    public static NoteJson ToJson(Note note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        if (note.Count != 0)
        {
            numbers["count"] = note.Count;
        }

        if (note.Code is { } code)
        {
            numbers["code"] = code;
        }

        if (note.Range is { } range)
        {
            (numbers["rangeStart"], numbers["rangeEnd"]) = (range.Start, range.End);
        }

        foreach (var (name, value) in note.Numbers)
        {
            numbers[name] = value;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        void Label(string name, string? value)
        {
            if (value is not null)
            {
                labels[name] = value;
            }
        }

        Label("path", note.Path);
        Label("command", note.Command);
        Label("name", note.Name);
        Label("message", note.Message);
        Label("protocol", note.Protocol?.ToName());
        Label("family", note.Family?.ToName());
        Label("from", note.From?.ToString("O", CultureInfo.InvariantCulture));
        Label("to", note.To?.ToString("O", CultureInfo.InvariantCulture));
        return new NoteJson(note.Kind.ToName(), NoteText.Render(note), note.File, note.Line, numbers, labels, note.Names, note.Lines);
    }
}
