using System.Runtime.Versioning;
using System.Text;
using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

/// <summary><see cref="ProcText.Read"/> gives what <see cref="File.ReadAllText(string)"/> gives, and fails as it fails.</summary>
[SupportedOSPlatform("linux")]
public sealed class ProcTextTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pd-proctext-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("/proc/sys/net/ipv4/ip_local_port_range", true)]
    [InlineData("/proc/self/net/netstat", false)]
    [InlineData("/proc/self/net/tcp", false)] // procfs reports size 0 and may be longer than one read
    [InlineData("/proc/self/status", false)]
    public void A_proc_file_reads_as_ReadAllText_reads_it(string path, bool unchanging)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists(path), $"needs {path}");
        var (text, expected) = (ProcText.Read(path), File.ReadAllText(path));

        // Counters and socket lists change between two reads: their first line (the header) does not.
        Assert.Equal(unchanging ? expected : expected.Split('\n')[0], unchanging ? text : text.Split('\n')[0]);
        Assert.EndsWith("\n", text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(16384)]
    [InlineData(100_001)]
    public void Files_around_the_buffer_sizes_read_whole(int bytes)
    {
        var text = string.Concat(Enumerable.Range(0, bytes).Select(i => (char)('a' + (i % 26))));
        var path = Path.Combine(_dir, $"f{bytes}");
        File.WriteAllText(path, text, new UTF8Encoding(false));

        Assert.Equal(text, ProcText.Read(path));
    }

    [Fact]
    public void A_file_without_end_fails_in_bounded_memory()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");
        var error = Assert.IsType<IOException>(Record.Exception(() => ProcText.Read("/dev/zero")));
        Assert.Contains("/dev/zero", error.Message, StringComparison.Ordinal);

        var path = Path.Combine(_dir, "large");
        File.WriteAllBytes(path, new byte[ProcText.MaxBytes + 1]);
        Assert.IsType<IOException>(Record.Exception(() => ProcText.Read(path)));
    }

    [Fact]
    public void A_missing_file_and_a_directory_fail_as_ReadAllText_fails()
    {
        Assert.IsAssignableFrom<IOException>(Record.Exception(() => ProcText.Read(Path.Combine(_dir, "missing"))));
        Assert.Equal(Record.Exception(() => File.ReadAllText(_dir))?.GetType(), Record.Exception(() => ProcText.Read(_dir))?.GetType());
    }
}
