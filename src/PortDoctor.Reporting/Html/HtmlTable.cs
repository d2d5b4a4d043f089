using System.Net;
using System.Text;

namespace PortDoctor.Reporting.Html;

/// <summary>A table of text cells, every cell HTML-encoded; the CSS right-aligns all but the first column.</summary>
internal static class HtmlTable
{
    public static void Write(StringBuilder html, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        html.Append("<table><thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(Encode(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(Encode(cell)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    public static string Encode(string text) => WebUtility.HtmlEncode(text);
}
