using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Windows;

/// <summary>
/// `trace` of the win-x64 build under Wine 8, whose ETW is stubs: StartTrace and EnableTraceEx2 report
/// success, OpenTrace fails with ERROR_ACCESS_DENIED. So the live session and an ETL each end in one
/// line and an exit code, not a crash, and the session is stopped on the way out. The decoding is
/// tested on Linux from bytes; a real session is a manual check (docs/windows.md).
/// </summary>
[Takes(21)]
public sealed class WineTraceTests
{
    [Fact]
    public void Trace_under_wine_says_in_one_line_that_the_etw_consumer_failed()
    {
        var (wine, exe) = Wine.RequireOrSkip("cli", "portdoctor.exe");
        var folder = Directory.CreateTempSubdirectory("pdw-trace-").FullName;
        try
        {
            using var prefix = Wine.NewPrefix(wine);

            var (code, output, error) = prefix.Run(exe, "trace", "--duration", "2s");
            Assert.True(code == 69, error);
            Assert.Equal(["portdoctor: trace: ETW session PortDoctor-PortFailures: OpenTrace failed: Access denied. (0x00000005)"], Wine.OwnLines(error));
            Assert.Empty(output);

            var etl = Path.Combine(folder, "capture.etl");
            File.WriteAllBytes(etl, new byte[4096]);
            (code, _, error) = prefix.Run(exe, "trace", "--from", Windows(etl));
            Assert.True(code == 65, error);
            Assert.Equal([$"portdoctor: --from {Windows(etl)}: OpenTrace failed: Access denied. (0x00000005)"], Wine.OwnLines(error));

            (code, _, error) = prefix.Run(exe, "trace", "--from", Windows(Path.Combine(folder, "none.etl")));
            Assert.True(code == 65, error);
            Assert.Equal([$"portdoctor: --from {Windows(Path.Combine(folder, "none.etl"))}: no such file"], Wine.OwnLines(error));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Windows(string path) => "Z:" + path.Replace('/', '\\');
}
