using System.Globalization;
using System.Text;
using System.Text.Json;
using PortDoctor.Core;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>
/// `diagnose --from`: a support engineer's files (the guide's one-minute netstat log and the
/// netsh range) give the verdict at the last sample and each process's growth across samples.
/// </summary>
public sealed class DiagnoseFromTests : IDisposable
{
    internal const string Netsh = """

        Protocol tcp Dynamic Port Range
        ---------------------------------
        Start Port      : 10000
        Number of Ports : 1000

        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pdo-diagnose-from-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void A_log_whose_last_sample_fills_the_range_is_exhausted_with_the_growing_process_as_culprit()
    {
        var log = Write("netstat.txt", PeriodicLog(200, 600, 1000));
        var netsh = Write("dynamicport.txt", Netsh);

        var (code, output, error) = CliRunner.Run("diagnose", "--from", log, netsh, "--format", "json");

        Assert.True(code == (int)ExitCode.Exhausted, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("exhausted", root.GetProperty("verdict").GetString());
        var culprit = root.GetProperty("culprits")[0];
        Assert.Equal(4321, culprit.GetProperty("pid").GetInt32());
        Assert.Equal("established", culprit.GetProperty("pattern").GetString());
        var growth = root.GetProperty("growth")[0];
        Assert.Equal(4321, growth.GetProperty("pid").GetInt32());
        Assert.Equal(200, growth.GetProperty("first").GetInt32());
        Assert.Equal(1000, growth.GetProperty("last").GetInt32());
        Assert.Equal(400.0 * 60, growth.GetProperty("perHour").GetDouble());
        var notes = root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Contains(notes, n => n!.StartsWith("source netstat.txt (windows-netstat", StringComparison.Ordinal));
        Assert.Contains(notes, n => n!.Contains("no outbound test was run", StringComparison.Ordinal));
    }

    [Fact]
    public void Forty_minutes_of_a_log_growing_steadily_is_at_risk_with_the_time_to_full_its_band_and_the_leaking_process()
    {
        // 100 of 1,000 ports, growing 10 a minute for 40 minutes to 500: 500 left at 600/h, full in about 50 minutes.
        var (code, output, document) = DiagnoseFortyMinutes(Netsh);

        Assert.Equal((int)ExitCode.AtRisk, code);
        Assert.StartsWith("Verdict: AT RISK", output, StringComparison.Ordinal);
        Assert.Contains("full in about 50 min (", output, StringComparison.Ordinal);
        Assert.Contains("+600 ports/h since 2024-01-15 14:30:00Z", output, StringComparison.Ordinal);
        var forecast = document.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "forecast");
        var numbers = forecast.GetProperty("numbers");
        Assert.Equal(500, numbers.GetProperty("portsLeft").GetInt32());
        Assert.Equal(50, numbers.GetProperty("minutes").GetDouble(), 1);
        Assert.True(numbers.GetProperty("minutesLow").GetDouble() <= 50 && numbers.GetProperty("minutesHigh").GetDouble() >= 50);
        Assert.Equal(4321, numbers.GetProperty("pid").GetInt32());
        Assert.Equal("theil-sen", forecast.GetProperty("labels").GetProperty("method").GetString());
    }

    [Fact]
    public void A_small_process_whose_growth_fills_the_pool_within_a_day_is_named_culprit_not_none()
    {
        // 100 to 500 of 10,000 ports (5%: below the culprit share) at +600/h: full in about 16 h.
        var (code, output, document) = DiagnoseFortyMinutes(Netsh.Replace("Number of Ports : 1000", "Number of Ports : 10000", StringComparison.Ordinal));

        Assert.Equal((int)ExitCode.AtRisk, code);
        Assert.Contains("Culprit: PID 4321 (name unknown), pattern established, 500 ports (5% of capacity)", output, StringComparison.Ordinal);
        Assert.Contains("growing +600 ports/h: the forecast's leak", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Culprit: none", output, StringComparison.Ordinal);
        Assert.Contains("leaking: PID 4321 (name unknown),", output, StringComparison.Ordinal);
        var culprit = Assert.Single(document.GetProperty("culprits").EnumerateArray());
        Assert.Equal((4321, 600.0), (culprit.GetProperty("pid").GetInt32(), culprit.GetProperty("growthPerHour").GetDouble()));
    }

    [Fact]
    public void Two_samples_a_minute_apart_give_no_forecast_and_say_what_a_forecast_needs()
    {
        // 150 of 1,000 ports, +50 in one minute: a straight line through two points would say "full in 17 minutes".
        var log = Write("netstat.txt", PeriodicLog(100, 150));
        var netsh = Write("dynamicport.txt", Netsh);

        var (code, output, _) = CliRunner.Run("diagnose", "--from", log, netsh);

        Assert.Equal((int)ExitCode.Ok, code);
        Assert.DoesNotContain("full in about", output, StringComparison.Ordinal);
        Assert.Contains("no forecast of when the pool fills: 1 min and 2 samples; a forecast needs 30 min and 20 samples", output, StringComparison.Ordinal);
        Assert.Contains("PID 4321 (name unknown) grew from 100 to 150 sockets", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_cannot_be_combined_with_files()
    {
        var log = Write("netstat.txt", PeriodicLog(10));
        var (code, _, error) = CliRunner.Run("diagnose", "--from", log, "--target", "127.0.0.1:1");
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_file_of_no_known_format_is_one_line_naming_it()
    {
        var junk = Write("junk.txt", "hello\nworld\n");
        var (code, output, error) = CliRunner.Run("diagnose", "--from", junk);
        Assert.Equal((int)ExitCode.BadInput, code);
        Assert.Empty(output);
        Assert.Contains("junk.txt", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_bad_since_is_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("diagnose", "--since", "forever", "--no-probe");
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Contains("--since 'forever'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Culprit_sized_time_wait_that_no_process_can_be_named_for_is_unknown_not_none()
    {
        // 300 of 1,000 ports in TIME_WAIT (PID 0) toward 10.0.0.9:443, and no live connection there: no basis to name
        // an owner, but "no process holds 10%" would read as "no culprit".
        var text = new StringBuilder("  Proto  Local Address          Foreign Address        State           PID\r\n");
        text.Append("  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1060\r\n");
        for (var i = 0; i < 300; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  TCP    10.0.0.5:{10000 + i,-5}         10.0.0.9:443           TIME_WAIT       0\r\n");
        }

        var (code, output, error) = CliRunner.Run("diagnose", "--from", Write("netstat.txt", text.ToString()), Write("dynamicport.txt", Netsh));

        Assert.True(code >= 0, error);
        Assert.Contains(
            "Culprit: unknown: 300 ephemeral ports (30% of the pool) held by TIME_WAIT sockets with no owner to name (300 toward 10.0.0.9:443: ",
            output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Culprit: none", output, StringComparison.Ordinal);

        // Below the culprit share (50 of 1,000 ports), "none" stands.
        text.Length = 0;
        text.Append("  Proto  Local Address          Foreign Address        State           PID\r\n");
        for (var i = 0; i < 50; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  TCP    10.0.0.5:{10000 + i,-5}         10.0.0.9:443           TIME_WAIT       0\r\n");
        }

        Assert.Contains("Culprit: none: no process holds 10% of the ephemeral ports or more", CliRunner.Run("diagnose", "--from", Write("small.txt", text.ToString()), Write("dynamicport.txt", Netsh)).Out, StringComparison.Ordinal);
    }

    /// <summary>The guide's batch loop output: one block a minute, PID 4321 holding more connections each time.</summary>
    internal static string PeriodicLog(params int[] established)
    {
        var text = new StringBuilder();
        for (var sample = 0; sample < established.Length; sample++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Mon 01/15/2024 {new DateTime(2024, 1, 15, 14, 30, 0, DateTimeKind.Utc).AddMinutes(sample):HH:mm}:00.12 \r\n\r\nActive Connections\r\n\r\n");
            text.Append("  Proto  Local Address          Foreign Address        State           PID\r\n");
            text.Append("  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1060\r\n");
            for (var i = 0; i < established[sample]; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"  TCP    10.0.0.5:{10000 + i,-5}         10.0.0.9:443           ESTABLISHED     4321\r\n");
            }
        }

        return text.ToString();
    }

    /// <summary>diagnose of 40 minutes of PID 4321 growing from 100 to 500 connections with this netsh range: text and JSON.</summary>
    private (int Code, string Text, JsonElement Json) DiagnoseFortyMinutes(string netshText)
    {
        var log = Write("netstat.txt", PeriodicLog([.. Enumerable.Range(0, 41).Select(m => 100 + 10 * m)]));
        var netsh = Write("dynamicport.txt", netshText);
        var (code, output, _) = CliRunner.Run("diagnose", "--from", log, netsh);
        using var json = JsonDocument.Parse(CliRunner.Run("diagnose", "--from", log, netsh, "--format", "json").Out);
        return (code, output, json.RootElement.Clone());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
