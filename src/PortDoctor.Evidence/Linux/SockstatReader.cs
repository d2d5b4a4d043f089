using System.Globalization;

namespace PortDoctor.Evidence.Linux;

/// <summary>Reads "PROTO: key value key value ..." lines; see <see cref="SockstatFormat"/>.</summary>
internal sealed class SockstatReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;

    public SockstatReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Linux;
    }

    /// <summary>"TCP: inuse 9 orphan 0 tw 4 alloc 15 mem 303" → ("tcp", [(inuse, 9), ...]).</summary>
    public static bool TryRow(string line, out string protocol, out List<(string Key, long Value)> values)
    {
        values = [];
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        protocol = colon > 0 ? line[..colon].Trim().ToLowerInvariant() : "";
        if (protocol.Length == 0 || protocol.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            return false;
        }

        var parts = line[(colon + 1)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Length % 2 != 0)
        {
            return false;
        }

        for (var i = 0; i < parts.Length; i += 2)
        {
            if (!parts[i].All(char.IsAsciiLetter) ||
                !long.TryParse(parts[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            values.Add((parts[i], value));
        }

        return true;
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        if (line.IsWhiteSpace())
        {
            return;
        }

        if (!TryRow(line.ToString(), out var protocol, out var values))
        {
            _collector.Unreadable(number);
            return;
        }

        foreach (var (key, value) in values)
        {
            _collector.Settings[$"sockstat {protocol} {key}"] = value.ToString(CultureInfo.InvariantCulture);
        }
    }

    public void Finish() =>
        _collector.Note(new Note(NoteKind.SockstatTotalsOnly));
}
