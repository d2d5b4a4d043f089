using System.Text;
using PortDoctor.Core;

namespace PortDoctor.Reporting.Html;

/// <summary>The sections in words: verdict, forecast, ranking, change points, notes.</summary>
public static partial class HtmlReport
{
    private static readonly string[] VerdictClasses = ["healthy", "at-risk", "exhausted"];

    private static void WriteVerdict(StringBuilder html, HtmlVerdict verdict)
    {
        var css = VerdictClasses.Contains(verdict.Level, StringComparer.Ordinal) ? verdict.Level : "unknown";
        html.Append("<section id=\"verdict\" class=\"verdict ").Append(css).Append("\">\n<h2>Verdict</h2>\n<p><strong>")
            .Append(HtmlTable.Encode(verdict.Level.ToUpperInvariant().Replace('-', ' '))).Append("</strong>: ")
            .Append(HtmlTable.Encode(verdict.Summary)).Append("</p>\n");
        WriteList(html, verdict.Reasons);
        html.Append("</section>\n");
    }

    private static void WriteForecast(StringBuilder html, HtmlReportContent content)
    {
        var forecast = content.Forecast;
        html.Append("<section id=\"forecast\">\n<h2>Forecast</h2>\n");
        if (forecast.Eta is not { } eta)
        {
            html.Append("<p><strong>No forecast</strong>: ").Append(HtmlTable.Encode(forecast.Reason ?? "the report gave no reason"))
                .Append("</p>\n</section>\n");
            return;
        }

        html.Append("<p>").Append(HtmlTable.Encode(forecast.Basis ?? "")).Append("</p>\n");
        var rows = new List<IReadOnlyList<string>> { Moment("full (ETA)", eta, content.To) };
        if (forecast.EtaLow is { } low)
        {
            rows.Add(Moment("earliest (band low)", low, content.To));
        }

        if (forecast.EtaHigh is { } high)
        {
            rows.Add(Moment("latest (band high)", high, content.To));
        }

        if (forecast.RatePerHour is { } rate)
        {
            rows.Add(["rate", Text.Number(rate, "+0.#;-0.#;0") + " ports/h", ""]);
        }

        rows.Add(["method", forecast.Method ?? "", ""]);
        rows.Add(["window", forecast.Window ?? "", ""]);
        HtmlTable.Write(html, ["", "value", "after the last sample"], rows);
        html.Append("</section>\n");
    }

    private static string[] Moment(string name, DateTimeOffset time, DateTimeOffset last) =>
        [name, Text.Time(time) + " UTC", DurationText.Format(time - last)];

    private static void WriteRanking(StringBuilder html, IReadOnlyList<HtmlGrowthRow> ranking)
    {
        html.Append("<section id=\"ranking\">\n<h2>Growth ranking</h2>\n");
        if (ranking.Count == 0)
        {
            html.Append("<p>No process held ports in these samples.</p>\n</section>\n");
            return;
        }

        html.Append("<p class=\"note\">Most suspicious first; owned ports (TIME_WAIT counted for its owner where history names one).</p>\n");
        HtmlTable.Write(html, ["process", "pid", "ports (latest)", "growth per hour", "leak", "pattern"], ranking.Select(r => (IReadOnlyList<string>)
        [
            r.Process,
            r.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown",
            Text.Number(r.PortsLatest, "0"),
            r.GrowthPerHour is { } g ? Text.Number(g, "+0.#;-0.#;0") : "too few samples",
            r.Leak ? "LEAK" : "no",
            r.Pattern,
        ]));
        html.Append("</section>\n");
    }

    private static void WriteChangePoints(StringBuilder html, IReadOnlyList<HtmlChangePoint> changes)
    {
        html.Append("<section id=\"change-points\">\n<h2>Change points</h2>\n");
        if (changes.Count == 0)
        {
            html.Append("<p>None found: no restart, deploy or range change in these samples.</p>\n</section>\n");
            return;
        }

        HtmlTable.Write(html, ["time (UTC)", "kind", "what changed"],
            changes.Select(c => (IReadOnlyList<string>)[Text.Seconds(c.Time), c.Kind, c.Description]));
        html.Append("</section>\n");
    }

    private static void WriteNotes(StringBuilder html, HtmlReportContent content)
    {
        if (content.Notes.Count > 0)
        {
            html.Append("<section id=\"notes\">\n<h2>Notes</h2>\n");
            WriteList(html, content.Notes);
            html.Append("</section>\n");
        }

        html.Append("<footer class=\"note\"><p>").Append(HtmlTable.Encode(content.GeneratedBy)).Append("</p></footer>\n</body>\n</html>\n");
    }

    private static void WriteList(StringBuilder html, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        html.Append("<ul>\n");
        foreach (var item in items)
        {
            html.Append("<li>").Append(HtmlTable.Encode(item)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }
}
