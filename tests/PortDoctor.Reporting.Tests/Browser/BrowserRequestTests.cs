using PortDoctor.Reporting.Html;
using Xunit;

namespace PortDoctor.Reporting.Tests.Browser;

/// <summary>The browser's net log shows a request the page makes, and the report's policy blocks it.</summary>
public class BrowserRequestTests
{
    [Fact]
    public void The_request_check_sees_a_page_request_and_the_report_policy_blocks_it()
    {
        Assert.SkipWhen(Chromium.Path is null, Chromium.SkipReason);
        const string Image = "http://127.0.0.1:9/portdoctor-probe.png";
        var page = $"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{{0}}<title>probe</title></head><body><img src=\"{Image}\"></body></html>";

        using (var open = new TempDirectory())
        {
            var run = BrowserTests.Open(open, string.Format(System.Globalization.CultureInfo.InvariantCulture, page, ""));
            Assert.Contains(Image, NetLog.PageRequests(run.NetLog));
        }

        using var guarded = new TempDirectory();
        var policy = $"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlReport.ContentSecurityPolicy}\">";
        var blocked = BrowserTests.Open(guarded, string.Format(System.Globalization.CultureInfo.InvariantCulture, page, policy));
        Assert.Empty(NetLog.PageRequests(blocked.NetLog));
        Assert.Contains(blocked.PolicyViolations, l => l.Contains(Image, StringComparison.Ordinal));
    }
}
