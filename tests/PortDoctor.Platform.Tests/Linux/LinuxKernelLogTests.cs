using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

[SupportedOSPlatform("linux")]
public sealed class LinuxKernelLogTests
{
    /// <summary>
    /// The real /dev/kmsg, with a line of our own that no rule looks for (writing a real pressure
    /// line would make every later diagnosis of this machine report it): the first read tallies it,
    /// a second read sees only what was logged since, so a line is never counted twice.
    /// </summary>
    [Fact]
    public void Reads_kmsg_once_and_then_only_the_records_logged_since()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/dev/kmsg"), "needs root and /dev/kmsg to write a kernel log line");
        var token = $"portdoctor-test-{Guid.NewGuid():N}";
        var log = new LinuxKernelLog(meaningful: [token]);
        Log($"{token} first");

        var (first, note) = log.Read();
        Log($"{token} second");
        Log($"{token} second");
        var (second, _) = log.Read();
        var (third, _) = log.Read();

        Assert.Null(note);
        Assert.Equal([($"{token} first", 1)], first.Select(e => (e.Message, e.Count)));
        Assert.Equal([($"{token} first", 1), ($"{token} second", 2)], second.Select(e => (e.Message, e.Count)));
        Assert.Equal(second.Select(e => (e.Message, e.Count)), third.Select(e => (e.Message, e.Count)));
        Assert.InRange(second[1].Time, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal("kernel", second[1].Source);
    }

    [Fact]
    public void A_log_that_cannot_be_opened_gives_one_note_and_no_events()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        var (events, note) = new LinuxKernelLog("/etc/hostname/kmsg").Read();

        Assert.Empty(events);
        Assert.Equal(NoteKind.KernelLogRefused, note?.Kind);
        Assert.Contains("/etc/hostname/kmsg", note?.Message, StringComparison.Ordinal);
    }

    private static void Log(string line) => File.AppendAllText("/dev/kmsg", $"<6>{line}\n");
}
