using System.IO.Compression;
using System.Text;
using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// Input that holds no sockets is no verdict; procfs and devices are read to their end, not by
/// their reported size; compressed evidence is read, and its size is bounded.
/// </summary>
public sealed class NoSocketEvidenceTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pdo-no-sockets-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Proc_net_tcp_read_live_gives_its_sockets_although_it_reports_size_zero()
    {
        Assert.SkipUnless(File.Exists("/proc/net/tcp"), "no /proc/net/tcp on this OS");
        Assert.Equal(0, new FileInfo("/proc/net/tcp").Length);

        var evidence = Read(["/proc/net/tcp"]);

        Assert.Equal("proc-net", evidence.Sources[0].Format);
        Assert.Equal(File.ReadAllLines("/proc/net/tcp").Length - 1, evidence.Latest.Sockets.Count, tolerance: 50);
    }

    [Fact]
    public void Dev_zero_ends_in_bounded_time_as_bad_input()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "no /dev/zero on this OS");

        var detected = Assert.Throws<PortDoctorException>(() => Read(["/dev/zero"]));
        var forced = Assert.Throws<PortDoctorException>(() => Read(["/dev/zero"], new EvidenceReadOptions { Format = "windows-netstat" }));

        Assert.Equal(ExitCode.BadInput, detected.Code);
        Assert.Contains("binary data", detected.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCode.BadInput, forced.Code);
        Assert.Contains("no line end within 16 MB", forced.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", null, "(empty)")]
    [InlineData("this is\nnot a netstat\n", "windows-netstat", "x.txt (windows-netstat)")]
    public void No_sockets_is_refused_with_one_line_naming_the_file(string text, string? format, string said)
    {
        var path = Write("x.txt", text);

        var evidence = Read([path], new EvidenceReadOptions { Format = format });
        var refused = Assert.Throws<PortDoctorException>(evidence.RequireSockets);

        Assert.False(evidence.HasSockets);
        Assert.Equal(ExitCode.BadInput, refused.Code);
        Assert.StartsWith("no socket evidence in x.txt", refused.Message, StringComparison.Ordinal);
        Assert.Contains(said, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void A_wrong_input_format_is_no_socket_evidence_and_says_lines_were_unreadable()
    {
        var evidence = Read([Fixture.PathOf("Windows/netstat-anoq.en.txt")], new EvidenceReadOptions { Format = "linux-ss" });

        var refused = Assert.Throws<PortDoctorException>(evidence.RequireSockets);

        Assert.Contains("netstat-anoq.en.txt (linux-ss, 1 unreadable line)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Netsh_alone_is_no_socket_evidence()
    {
        var evidence = Fixture.Read("Netsh/dynamicport.en.txt");
        Assert.Contains("(netsh)", Assert.Throws<PortDoctorException>(evidence.RequireSockets).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_open_is_one_line_of_bad_input()
    {
        var path = Write("locked.txt", "x");
        var options = new EvidenceReadOptions { OpenFile = _ => throw new UnauthorizedAccessException("Access to the path is denied.") };

        var refused = Assert.Throws<PortDoctorException>(() => Read([path], options));

        Assert.Equal(ExitCode.BadInput, refused.Code);
        Assert.Equal($"{path}: cannot read: permission denied", refused.Message);
    }

    [Fact]
    public void Standard_input_can_be_given_once()
    {
        var refused = Assert.Throws<PortDoctorException>(() => Read(["-", "-"]));
        Assert.Equal(ExitCode.Usage, refused.Code);
    }

    [Fact]
    public void Standard_input_is_read_among_files()
    {
        var netsh = Fixture.PathOf("Netsh/dynamicport.en.txt");
        var stdin = File.ReadAllBytes(Fixture.PathOf("Windows/netstat-anoq.en.txt"));
        var options = new EvidenceReadOptions { OpenStandardInput = () => new MemoryStream(stdin) };

        var evidence = Read([netsh, "-"], options);

        Assert.Equal(9, evidence.Latest.Sockets.Count);
        Assert.Equal("stdin", evidence.Sources[1].Path);
    }

    [Fact]
    public void A_gzipped_netstat_reads_as_the_netstat()
    {
        var path = Path.Combine(_dir.FullName, "netstat.txt.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(File.ReadAllBytes(Fixture.PathOf("Windows/netstat-ano.de.cp850.txt")));
        }

        var plain = Fixture.Read("Windows/netstat-ano.de.cp850.txt");
        var evidence = Read([path]);

        Assert.Equal("windows-netstat", evidence.Sources[0].Format);
        Assert.Equal(plain.Latest.Sockets, evidence.Latest.Sockets);
    }

    [Fact]
    public void A_zip_bundle_reads_each_entry_and_skips_the_manifest_and_strangers()
    {
        var path = Path.Combine(_dir.FullName, "bundle.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            Add(zip, "manifest.json", """{"files":["netstat.txt","dynamicport.txt"]}""");
            Add(zip, "netstat.txt", File.ReadAllText(Fixture.PathOf("Windows/netstat-anoq.en.txt")));
            Add(zip, "dynamicport.txt", File.ReadAllText(Fixture.PathOf("Netsh/dynamicport.en.txt")));
            Add(zip, "screenshot.png", "\u0089PNG\r\n\u001a\n\0\0\0\rIHDR");
        }

        var evidence = Read([path]);

        Assert.Equal(9, evidence.Latest.Sockets.Count);
        Assert.Equal(["windows-netstat", "netsh", "skipped"], evidence.Sources.Select(s => s.Format));
        Assert.Equal($"{path}!netstat.txt", evidence.Sources[0].Path);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.BundleManifestSkipped && n.File == "bundle.zip!manifest.json");
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.UnknownFormat && n.File == "bundle.zip!screenshot.png");
    }

    [Fact]
    public void A_compression_bomb_stops_at_the_budget_with_one_line()
    {
        var path = Path.Combine(_dir.FullName, "bomb.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var entry = zip.CreateEntry("netstat.txt", CompressionLevel.SmallestSize).Open();
            var line = Encoding.ASCII.GetBytes("  TCP    10.0.0.5:50004         10.0.0.9:80            ESTABLISHED     7788\r\n");
            for (var i = 0; i < 100_000; i++)
            {
                entry.Write(line);
            }
        }

        Assert.True(new FileInfo(path).Length < 200_000);
        var refused = Assert.Throws<PortDoctorException>(() => Read([path], new EvidenceReadOptions { MaxDecompressedBytes = 1 << 20 }));

        Assert.Equal(ExitCode.BadInput, refused.Code);
        Assert.StartsWith($"{path}!netstat.txt: decompresses to more than 1 MB", refused.Message, StringComparison.Ordinal);
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static EvidenceSet Read(string[] paths, EvidenceReadOptions? options = null) =>
        EvidenceReader.Read(paths, options, TestContext.Current.CancellationToken);
}
