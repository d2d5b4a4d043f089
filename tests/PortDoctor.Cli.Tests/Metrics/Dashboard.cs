using System.Text.Json;

namespace PortDoctor.Cli.Tests.Metrics;

/// <summary>The shipped Grafana dashboard's panel queries, as Prometheus would get them (variables set to "all").</summary>
internal static class Dashboard
{
    public static IReadOnlyList<(string Panel, string Expr)> Queries()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("deploy", "grafana", "portdoctor.json")));
        return [.. json.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray()
                .Select(target => (panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!.Replace("$instance", ".*", StringComparison.Ordinal))))];
    }
}
