using System.Text.RegularExpressions;
using Xunit;

namespace PortDoctor.Cli.Tests.Metrics;

public sealed class RuleTests
{
    private static string Deploy => RepositoryFiles.PathOf("deploy", "prometheus");

    [Fact]
    public void Promtool_check_rules_accepts_the_shipped_rules()
    {
        var (code, output) = Promtool.Run(null, Deploy, "check", "rules", "portdoctor-rules.yml");

        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS: 6 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rule_unit_tests_fire_on_a_leak_and_stay_silent_on_a_sawtooth_a_daily_cycle_a_restart_and_a_time_wait_plateau()
    {
        var files = Directory.GetFiles(Path.Combine(Deploy, "tests"), "*.yml").Select(f => Path.Combine("tests", Path.GetFileName(f))).Order().ToArray();

        var (code, output) = Promtool.Run(null, Deploy, ["test", "rules", .. files]);

        Assert.True(code == 0, output);
        Assert.Equal(files.Length, Regex.Matches(output, @"^\s*SUCCESS", RegexOptions.Multiline).Count);
        Assert.Contains(Path.Combine("tests", "alerts-fire-linear-leak.yml"), files);
        Assert.Equal(4, files.Count(f => f.Contains("no-alert-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_alert_has_a_summary_a_description_and_a_runbook_section_that_exists()
    {
        var rules = File.ReadAllText(Path.Combine(Deploy, "portdoctor-rules.yml"));
        var runbook = File.ReadAllText(RepositoryFiles.PathOf("docs", "runbook.md"));
        var alerts = Regex.Matches(rules, @"- alert: (\w+)").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(6, alerts.Count);
        foreach (var alert in alerts)
        {
            var block = rules[rules.IndexOf("- alert: " + alert, StringComparison.Ordinal)..];
            block = block.IndexOf("- alert:", 3, StringComparison.Ordinal) is var next and > 0 ? block[..next] : block;
            Assert.Contains("summary:", block, StringComparison.Ordinal);
            Assert.Contains("description:", block, StringComparison.Ordinal);
            Assert.Contains($"runbook_url: \"docs/runbook.md#{alert.ToLowerInvariant()}\"", block, StringComparison.Ordinal);
            Assert.Contains($"\n## {alert}\n", runbook, StringComparison.Ordinal);
        }
    }
}
