using System.Globalization;
using System.Text;
using PortDoctor.Core.Model;

namespace PortDoctor.History;

/// <summary>
/// Small count maps as one text column ("TimeWait=812,Established=40"): a row per state would
/// cost more than the counts. Names, not enum numbers, so reordering an enum cannot shift history.
/// </summary>
internal static class CountsText
{
    public static string Format(IReadOnlyDictionary<SocketState, int> counts) =>
        Format(counts.Select(c => (c.Key.ToString(), (long)c.Value)));

    public static string Format(IReadOnlyDictionary<string, long> counts) =>
        Format(counts.Select(c => (c.Key, c.Value)));

    public static Dictionary<SocketState, int> ParseStates(string text)
    {
        var states = new Dictionary<SocketState, int>();
        foreach (var (name, value) in Parse(text))
        {
            // A state this version does not know (a newer writer) is skipped rather than misread.
            if (Enum.TryParse<SocketState>(name, out var state))
            {
                states[state] = (int)value;
            }
        }

        return states;
    }

    public static Dictionary<string, long> ParseCounters(string text) =>
        Parse(text).ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);

    private static string Format(IEnumerable<(string Name, long Value)> counts)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in counts)
        {
            if (name.Contains(',', StringComparison.Ordinal) || name.Contains('=', StringComparison.Ordinal))
            {
                throw new ArgumentException($"a counter name cannot hold ',' or '=': {name}", nameof(counts));
            }

            text.Append(text.Length == 0 ? "" : ",").Append(name).Append('=').Append(value.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static IEnumerable<(string Name, long Value)> Parse(string text)
    {
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.LastIndexOf('=');
            if (equals > 0 && long.TryParse(pair.AsSpan(equals + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                yield return (pair[..equals], value);
            }
        }
    }
}
