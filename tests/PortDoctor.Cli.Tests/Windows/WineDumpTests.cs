using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Windows;

/// <summary>
/// `collect --dump PID` of the win-x64 build under Wine 8, whose dbghelp implements MiniDumpWriteDump:
/// an idle Wine cmd.exe (not a .NET process) is dumped beside the zip as a minidump, listed in the
/// manifest with its size and SHA-256. What only a real Windows shows (WinDbg opening it, the .NET
/// pipe path, elevation) is in docs/windows.md.
/// </summary>
[Takes(57)]
public sealed class WineDumpTests
{
    [Fact]
    public void Collect_dump_writes_a_minidump_of_a_wine_process_and_the_manifest_lists_it()
    {
        var (wine, exe) = Wine.RequireOrSkip("cli", "portdoctor.exe");
        var folder = Directory.CreateTempSubdirectory("pdw-dump-").FullName;
        try
        {
            using var prefix = Wine.NewPrefix(wine);
            using var idle = prefix.StartIdleProgram();
            var pid = CmdPid(prefix);
            var zip = Path.Combine(folder, "b.zip");

            // No such process: one line, 65, before anything is written.
            var (code, _, error) = prefix.Run(exe, "collect", "--out", Windows(zip), "--dump", "999999");
            Assert.True(code == 65, error);
            Assert.Equal(["portdoctor: --dump 999999: no process 999999"], Wine.OwnLines(error));
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));

            (code, _, error) = prefix.Run(exe, "collect", "--out", Windows(zip), "--dump", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.True(code == 0, error);
            var dump = Path.Combine(folder, $"b-pid{pid}.dmp");
            var bytes = File.ReadAllBytes(dump);
            Assert.Equal("MDMP"u8.ToArray(), bytes[..4]);
            using var archive = ZipFile.OpenRead(zip);
            Assert.DoesNotContain(archive.Entries, e => e.Name.EndsWith(".dmp", StringComparison.Ordinal));
            using var manifest = JsonDocument.Parse(archive.GetEntry("manifest.json")!.Open());
            var item = manifest.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == Path.GetFileName(dump));
            Assert.Equal(bytes.Length, item.GetProperty("size").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), item.GetProperty("sha256").GetString());
            Assert.StartsWith($"MiniDumpWriteDump({pid}, MiniDumpWithFullMemory", item.GetProperty("command").GetString(), StringComparison.Ordinal);
            Assert.Equal([Path.GetFileName(dump), "b.zip"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The idle cmd.exe's Windows PID, from Wine's wmic (Wine's tasklist prints nothing); it may still be starting.</summary>
    private static int CmdPid(WinePrefix prefix)
    {
        var output = "";
        for (var attempt = 0; attempt < 20; attempt++)
        {
            (var code, output, var error) = prefix.Run("wmic.exe", "process", "get", "processid,name");
            Assert.True(code == 0, error);
            var row = output.Split('\n').Select(l => l.Split([' ', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).FirstOrDefault(f => f.Length == 2 && f[0] == "cmd.exe");
            if (row is not null)
            {
                return int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture);
            }

            Thread.Sleep(1000);
        }

        Assert.Fail("no cmd.exe in wmic's process list: " + output);
        return 0;
    }

    private static string Windows(string path) => "Z:" + path.Replace('/', '\\');
}
