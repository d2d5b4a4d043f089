using System.Text;
using PortDoctor.Reporting.Charts;

namespace PortDoctor.Reporting.Html;

/// <summary>
/// One self-contained HTML file a support engineer can mail: the verdict, the forecast and its
/// basis, the growth ranking, change points, the charts inline as data: URIs, and the numbers
/// behind every chart as tables. No script and no external request: it carries a
/// <c>default-src 'none'</c> Content-Security-Policy that allows only inline styles and data: images.
/// </summary>
public static partial class HtmlReport
{
    public const string ContentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    public static void Write(TextWriter writer, HtmlReportContent content, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(content);
        options ??= HtmlReportOptions.Default;

        var before = new StringBuilder();
        WriteHead(before, content);
        WriteVerdict(before, content.Verdict);
        WriteForecast(before, content);
        WriteUtilization(before, content.Charts, options);

        var after = new StringBuilder();
        WriteRanking(after, content.Ranking);
        WriteChangePoints(after, content.ChangePoints);
        WriteSeriesSection(after, ChartKind.Processes, content.Charts, options);
        WriteSeriesSection(after, ChartKind.States, content.Charts, options);
        WriteNotes(after, content);

        // The per-sample table is the one part that grows with the input: in only when the
        // whole file stays within the budget.
        var samples = new StringBuilder();
        WriteSampleTable(samples, content.Charts.Utilization);
        int used = Encoding.UTF8.GetByteCount(before.ToString()) + Encoding.UTF8.GetByteCount(after.ToString());
        if (used + Encoding.UTF8.GetByteCount(samples.ToString()) > options.MaxBytes)
        {
            samples.Clear();
            samples.Append("<p class=\"note\">The table of every sample (").Append(content.Charts.Utilization.Count)
                .Append(" rows) is left out to keep this file under ").Append(options.MaxBytes / 1_000_000.0)
                .Append(" MB; the table above has every period, and <code>portdoctor report --format csv</code> every sample.</p>\n");
        }

        writer.Write(before);
        writer.Write(samples);
        writer.Write("</section>\n");
        writer.Write(after);
    }

    private static void WriteHead(StringBuilder html, HtmlReportContent content)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(HtmlTable.Encode(content.Title)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(HtmlTable.Encode(content.Title)).Append("</h1>\n")
            .Append("<p class=\"meta\">").Append(HtmlTable.Encode(content.Source)).Append(": ")
            .Append(content.Samples).Append(content.Samples == 1 ? " sample" : " samples").Append(", ")
            .Append(Text.Time(content.From)).Append(" to ").Append(Text.Time(content.To)).Append(" UTC</p>\n");
    }

    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:24px auto;max-width:1040px;" +
        "padding:0 12px;color:#1b1b1b;line-height:1.4}h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;" +
        "border-bottom:1px solid #ddd}table{border-collapse:collapse;margin:.5em 0;font-size:.9em}" +
        "th,td{border:1px solid #ccc;padding:2px 8px;text-align:left}td+td{text-align:right;font-variant-numeric:tabular-nums}" +
        "th{background:#f3f3f3}.meta,.note{color:#555}img{max-width:100%;height:auto;display:block}" +
        ".verdict{padding:8px 12px;border-left:6px solid #888;background:#f6f6f6}.verdict.healthy{border-color:#2a9d3f}" +
        ".verdict.at-risk{border-color:#e69500}.verdict.exhausted{border-color:#c62828}details{margin:.4em 0}" +
        "summary{cursor:pointer;color:#1f4e8c}figure{margin:.5em 0}";
}
