using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using PortDoctor.Platform.Dump;
using Xunit;

namespace PortDoctor.Cli.Tests.Collect;

/// <summary>collect --dump: a real gcore dump of a process we start, the missing-PID and the full-disk refusals.</summary>
public sealed class CollectDumpTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pd-collect-dump-").FullName;

    private FakeHost Host(IProcessDumper dumper) => new() { StateDirectory = Path.Combine(_folder, "state"), Probes = _ => [], Dumper = dumper };

    [Fact]
    public void A_started_process_is_dumped_beside_the_zip_as_an_elf_core_and_listed_in_the_manifest()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only (gcore)");
        var dumper = new LinuxProcessDumper();
        Assert.SkipWhen(!File.Exists("/usr/bin/gcore") && !File.Exists("/bin/gcore"), "gcore is missing (install gdb)");
        using var sleeper = Process.Start("sleep", "30");
        try
        {
            var bundle = Path.Combine(_folder, "d.zip");

            var (code, _, error) = CliRunner.Run(e => e with { Host = Host(dumper) }, "collect", "--out", bundle, "--dump", sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.True(code == 0, error);
            var core = Path.Combine(_folder, $"d-pid{sleeper.Id}.core");
            Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(core)[..4]);
            using var zip = ZipFile.OpenRead(bundle);
            Assert.DoesNotContain(zip.Entries, e => e.Name.EndsWith(".core", StringComparison.Ordinal));
            using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
            var item = manifest.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == Path.GetFileName(core));
            Assert.Equal(new FileInfo(core).Length, item.GetProperty("size").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(core))), item.GetProperty("sha256").GetString());
            Assert.Contains("gcore", item.GetProperty("command").GetString(), StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFiles(_folder, ".portdoctor-*"));
        }
        finally
        {
            sleeper.Kill();
        }
    }

    [Fact]
    public void A_missing_pid_is_bad_input_and_nothing_is_written()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only (/proc)");
        var bundle = Path.Combine(_folder, "m.zip");

        var (code, _, error) = CliRunner.Run(e => e with { Host = Host(new LinuxProcessDumper(_ => long.MaxValue, "/usr/bin/gcore")) }, "collect", "--out", bundle, "--dump", "2147483646");

        Assert.Equal(65, code);
        Assert.Equal("portdoctor: --dump 2147483646: no process 2147483646 (nothing in /proc/2147483646)", error.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void Too_little_free_disk_refuses_in_one_line_before_anything_is_written()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only (/proc)");
        var bundle = Path.Combine(_folder, "f.zip");
        string? asked = null;
        var dumper = new LinuxProcessDumper(folder => { asked = folder; return 10L << 20; }, "/usr/bin/gcore");

        var (code, _, error) = CliRunner.Run(e => e with { Host = Host(dumper) }, "collect", "--out", bundle, "--dump", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(69, code);
        Assert.Equal(_folder, asked);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Matches($@"^portdoctor: --dump {Environment.ProcessId}: needs about \d+ MB free in {System.Text.RegularExpressions.Regex.Escape(_folder)}, only 10 MB free; nothing written$", error.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void Without_gcore_a_non_dotnet_process_is_refused_with_install_gdb()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only (/proc)");
        using var sleeper = Process.Start("sleep", "30");
        try
        {
            var dumper = new LinuxProcessDumper(_ => long.MaxValue, null);

            var (code, _, error) = CliRunner.Run(e => e with { Host = Host(dumper) }, "collect", "--out", Path.Combine(_folder, "g.zip"), "--dump", sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.Equal(69, code);
            Assert.Contains("gcore is missing (install gdb)", error, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
        }
        finally
        {
            sleeper.Kill();
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
