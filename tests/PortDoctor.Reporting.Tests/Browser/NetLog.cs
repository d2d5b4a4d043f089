using System.Text.Json;

namespace PortDoctor.Reporting.Tests.Browser;

/// <summary>
/// Reads chromium's <c>--log-net-log</c> JSON. Every network request starts a URL_REQUEST_START_JOB
/// event with its URL and initiator; the browser's own (update checks, sign-in) have the initiator
/// "not an origin", a page's have the page's origin ("null" for a file). data: and file: URLs never
/// reach the network stack, so they are not in it at all.
/// </summary>
internal static class NetLog
{
    public static IReadOnlyList<string> PageRequests(string path)
    {
        using var log = JsonDocument.Parse(File.ReadAllText(path));
        int startJob = log.RootElement.GetProperty("constants").GetProperty("logEventTypes").GetProperty("URL_REQUEST_START_JOB").GetInt32();
        var urls = new List<string>();
        foreach (var e in log.RootElement.GetProperty("events").EnumerateArray())
        {
            if (e.GetProperty("type").GetInt32() != startJob || !e.TryGetProperty("params", out var p)
                || !p.TryGetProperty("url", out var url))
            {
                continue;
            }

            string initiator = p.TryGetProperty("initiator", out var i) ? i.GetString() ?? "" : "";
            if (initiator != "not an origin")
            {
                urls.Add(url.GetString() ?? "");
            }
        }

        return urls;
    }
}
