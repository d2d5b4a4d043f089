using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

/// <summary>
/// The stamp that lets a monitor skip an fd table: the same process keeps it while its fds stay,
/// and a later process given the same PID gets another one (PIDs are reused).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ProcFdStampTests
{
    [Fact]
    public void A_process_keeps_its_stamp_until_its_fd_count_changes()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.OSVersion.Version >= new Version(6, 2), "needs Linux 6.2+ (fd count as st_size of /proc/PID/fd)");
        using var child = Sleep();
        var scanner = new ProcFdScanner();

        var first = StampOf(scanner, child.Id);
        var again = StampOf(scanner, child.Id);

        Assert.NotEqual(0, first.Instance);
        Assert.True(first.FdCount > 0);
        Assert.True(again.Unchanged(first));
        Assert.NotEqual(first.Instance, StampOf(scanner, Environment.ProcessId).Instance);
    }

    [Fact]
    public void A_process_with_no_fds_keeps_its_stamp_and_loses_it_on_its_first_fd()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.OSVersion.Version >= new Version(6, 2), "needs Linux 6.2+ (fd count as st_size of /proc/PID/fd)");
        Assert.True(ProcFdScanner.KernelCountsFds);
        using var child = Sleep("for fd in $(ls /proc/$$/fd); do eval \"exec $fd>&-\"; done 2>/dev/null; exec sleep 30");
        var scanner = new ProcFdScanner();

        var empty = StampOf(scanner, child.Id);
        Assert.Equal(0, FdCount(child.Id));
        Assert.Equal(0, empty.FdCount); // a count, not unknown (a kernel thread's table is like this one)
        Assert.True(StampOf(scanner, child.Id).Unchanged(empty));
        Assert.False((empty with { FdCount = 1 }).Unchanged(empty));
        Assert.False((empty with { FdCount = FdTableStamp.Unknown }).Unchanged(empty with { FdCount = FdTableStamp.Unknown }));
    }

    /// <summary>
    /// Makes the kernel hand a dead child's PID to a new process (ns_last_pid, root only) and checks the
    /// stamps differ even where the fd counts are the same. Other processes forking at the same moment
    /// can take the PID first, so it tries a few times.
    /// </summary>
    [Fact]
    public void A_later_process_with_the_same_pid_has_another_stamp()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/proc/sys/kernel/ns_last_pid"), "needs root to choose the next PID (ns_last_pid)");
        var scanner = new ProcFdScanner();
        for (var attempt = 0; attempt < 30; attempt++)
        {
            FdTableStamp before;
            int pid;
            using (var first = Sleep())
            {
                pid = first.Id;
                before = StampOf(scanner, pid);
                first.Kill();
                first.WaitForExit();
            }

            File.WriteAllText("/proc/sys/kernel/ns_last_pid", (pid - 1).ToString(CultureInfo.InvariantCulture));
            using var second = Sleep();
            if (second.Id != pid)
            {
                continue;
            }

            var after = StampOf(scanner, pid);
            Assert.Equal(before.FdCount, after.FdCount);
            Assert.NotEqual(before.Instance, after.Instance);
            Assert.False(after.Unchanged(before));
            return;
        }

        Assert.Skip("other processes took the PID first in 30 tries");
    }

    private static FdTableStamp StampOf(ProcFdScanner scanner, int pid) =>
        scanner.ListProcesses(CancellationToken.None).Single(s => s.Pid == pid);

    private static Process Sleep(string? shell = null)
    {
        var start = shell is null ? new ProcessStartInfo("sleep", "30") : new ProcessStartInfo("bash", ["-c", shell]);
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException("sleep did not start");

        // Until the child has exec'd, it still holds the fds .NET's fork opened for it; after, the loader
        // and the locale setup open files for a moment: stamp it once it sleeps with the same fds twice.
        var deadline = Stopwatch.StartNew();
        var last = -1;
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            var fds = ReadComm(process.Id) == "sleep" && IsSleeping(process.Id) ? FdCount(process.Id) : -1;
            if (fds >= 0 && fds == last)
            {
                break;
            }

            last = fds;
            Thread.Sleep(20);
        }

        return process;
    }

    /// <summary>State 'S' in /proc/PID/stat (the field after the name's closing parenthesis).</summary>
    private static bool IsSleeping(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('S');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FdCount(int pid)
    {
        try
        {
            return Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private static string? ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
