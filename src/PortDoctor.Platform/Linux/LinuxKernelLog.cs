using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;
using PortDoctor.Platform.Linux.Interop;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// The kernel log's socket-pressure lines, read from /dev/kmsg: the device stays open and each read
/// takes only the records logged since the last one, so a monitor pays for new lines, not for the
/// whole ring buffer and a `dmesg` process every sample. Events are tallied over everything read.
/// Where /dev/kmsg does not exist, `dmesg` is run instead (it may still reach the log through
/// syslog(2)); where reading is not allowed (kernel.dmesg_restrict without root), one note says so.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed unsafe class LinuxKernelLog(string path = "/dev/kmsg", IReadOnlyList<string>? meaningful = null)
{
    /// <summary>A record is at most about 8 KiB (PRINTK_MESSAGE_MAX and its prefix); a smaller buffer gets EINVAL.</summary>
    private const int RecordBufferLength = 16 * 1024;

    /// <summary>Bounds one drain when the kernel logs faster than we read; the rest comes next time.</summary>
    private const int MaxRecordsPerRead = 200_000;

    private const int Epipe = 32;
    private const int ClockRealtime = 0;
    private const int ClockBoottime = 7;

    private static readonly TimeSpan DmesgTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly KernelLogTally _tally = new();
    private readonly byte[] _record = new byte[RecordBufferLength];
    private readonly IReadOnlyList<string> _meaningful = meaningful ?? KernelLogLines.Meaningful;
    private int _fd = -1;
    private bool _noDevice;

    public (IReadOnlyList<PortEvent> Events, Note? Note) Read()
    {
        lock (_gate)
        {
            if (_noDevice)
            {
                return ReadWithDmesg();
            }

            if (_fd < 0)
            {
                _fd = Libc.OpenFile(path, Libc.ORdonly | Libc.ONonblock | Libc.OCloexec);
                if (_fd < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Libc.Enoent)
                    {
                        _noDevice = true;
                        return ReadWithDmesg();
                    }

                    return ([], new Note(NoteKind.KernelLogRefused) { Message = $"{path}: {Marshal.GetPInvokeErrorMessage(errno)}" });
                }
            }

            var note = Drain();
            return (_tally.Events, note);
        }
    }

    /// <summary>Reads the records logged since the last read (all of the ring buffer the first time).</summary>
    private Note? Drain()
    {
        var boot = BootTime();
        fixed (byte* pointer = _record)
        {
            for (var attempt = 0; attempt < MaxRecordsPerRead; attempt++)
            {
                var read = Libc.read(_fd, pointer, _record.Length);
                if (read < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Libc.Eagain)
                    {
                        return null;
                    }

                    // EPIPE: records were overwritten before we read them; the next read goes on from the oldest left.
                    if (errno is Epipe or Libc.Eintr)
                    {
                        continue;
                    }

                    return new Note(NoteKind.KernelLogRefused) { Message = $"{path}: {Marshal.GetPInvokeErrorMessage(errno)}" };
                }

                if (read == 0)
                {
                    return null;
                }

                if (KernelLogLines.TryKernelMessage(_record.AsSpan(0, (int)read), boot, _meaningful, out var time, out var message))
                {
                    _tally.Add(time, message);
                }
            }
        }

        return null;
    }

    /// <summary>When the machine booted, as `dmesg` places record times: the real time less CLOCK_BOOTTIME.</summary>
    private static DateTimeOffset BootTime()
    {
        Libc.TimeSpec real, sinceBoot;
        if (Libc.clock_gettime(ClockRealtime, &real) < 0 || Libc.clock_gettime(ClockBoottime, &sinceBoot) < 0)
        {
            return DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(Environment.TickCount64);
        }

        return DateTimeOffset.FromUnixTimeSeconds(real.Seconds).AddTicks(real.Nanoseconds / 100)
            - (TimeSpan.FromSeconds(sinceBoot.Seconds) + TimeSpan.FromTicks(sinceBoot.Nanoseconds / 100));
    }

    /// <summary>Without /dev/kmsg: `dmesg --time-format iso`, the whole log each time.</summary>
    private static (IReadOnlyList<PortEvent> Events, Note? Note) ReadWithDmesg()
    {
        var start = new ProcessStartInfo("dmesg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--time-format");
        start.ArgumentList.Add("iso");
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return ([], new Note(NoteKind.KernelLogNotStarted));
            }

            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(DmesgTimeout))
            {
                process.Kill();
                return ([], new Note(NoteKind.KernelLogTimedOut));
            }

            return process.ExitCode == 0
                ? (KernelLogLines.Parse(output.Result), null)
                : ([], new Note(NoteKind.KernelLogRefused) { Message = error.Result.Trim() });
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return ([], new Note(NoteKind.KernelLogUnavailable) { Message = ex.Message });
        }
    }
}
