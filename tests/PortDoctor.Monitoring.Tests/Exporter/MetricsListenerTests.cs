using System.Net;
using System.Net.Http;
using PortDoctor.Monitoring.Exporter;
using Xunit;

namespace PortDoctor.Monitoring.Tests.Exporter;

public sealed class MetricsListenerTests
{
    [Fact]
    public async Task Metrics_are_served_over_http_with_the_text_format_and_other_paths_are_404()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var listener = MetricsListener.Start(new IPEndPoint(IPAddress.Loopback, 0), (stream, token) => stream.WriteAsync("portdoctor_up 1\n"u8.ToArray(), token).AsTask());
        using var http = new HttpClient();
        var root = $"http://localhost:{listener.EndPoint.Port}";

        using var metrics = await http.GetAsync(new Uri(root + "/metrics"), cancel);
        using var other = await http.GetAsync(new Uri(root + "/"), cancel);
        using var post = await http.PostAsync(new Uri(root + "/metrics"), new StringContent(""), cancel);

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType?.ToString());
        Assert.Equal("portdoctor_up 1\n", await metrics.Content.ReadAsStringAsync(cancel));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task A_client_that_sends_nothing_does_not_block_the_next_scrape()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var listener = MetricsListener.Start(new IPEndPoint(IPAddress.Loopback, 0), (stream, token) => stream.WriteAsync("x 1\n"u8.ToArray(), token).AsTask());
        var silent = Enumerable.Range(0, 6).Select(_ => new System.Net.Sockets.TcpClient()).ToList();
        foreach (var client in silent.Take(3))
        {
            await client.ConnectAsync(IPAddress.Loopback, listener.EndPoint.Port, cancel);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{listener.EndPoint.Port}/metrics"), cancel);

        Assert.Equal("x 1\n", body);
        silent.ForEach(c => c.Dispose());
    }
}
