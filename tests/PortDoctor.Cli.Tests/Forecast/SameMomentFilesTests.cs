using System.Text.Json;
using Xunit;

namespace PortDoctor.Cli.Tests.Forecast;

/// <summary>Two captures of the same moment (ss with owners, ss without) are one sample, not a series 0 s long.</summary>
public sealed class SameMomentFilesTests : IDisposable
{
    private const string Header = "State     Recv-Q Send-Q   Local Address:Port    Peer Address:Port Process";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pdo-same-moment-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Report_from_two_files_of_one_moment_counts_one_sample_and_says_there_is_no_trend()
    {
        var rows = Enumerable.Range(0, 30).Select(i => $"ESTAB     0      0       10.0.0.5:{40001 + i}      10.0.0.9:443   users:((\"java\",pid=3000,fd={70 + i}))").ToList();
        var withOwners = Write("ss-tanp.txt", ["Wed Nov 25 05:30:00 CET 2026", Header, .. rows]);
        var withoutOwners = Write("ss-tan.txt", ["Wed Nov 25 05:30:01 CET 2026", Header, .. rows.Select(r => r[..r.IndexOf("users", StringComparison.Ordinal)])]);

        var (code, output, error) = CliRunner.Run("report", "--from", withOwners, withoutOwners, "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("samples").GetInt64());
        Assert.Equal(3000, json.RootElement.GetProperty("processes")[0].GetProperty("pid").GetInt32());
        Assert.Equal("one sample: no trend; a forecast needs 30 min and 20 samples", json.RootElement.GetProperty("forecast").GetProperty("detail").GetString());
    }

    [Fact]
    public void The_same_file_sampled_twice_a_second_apart_stays_two_samples()
    {
        var rows = new[] { "ESTAB     0      0       10.0.0.5:40001      10.0.0.9:443   users:((\"java\",pid=3000,fd=70))" };
        var log = Write("ss-loop.txt", ["Wed Nov 25 05:30:00 CET 2026", Header, .. rows, "Wed Nov 25 05:30:01 CET 2026", Header, .. rows]);

        var (code, output, error) = CliRunner.Run("report", "--from", log, "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("samples").GetInt64());
    }

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
