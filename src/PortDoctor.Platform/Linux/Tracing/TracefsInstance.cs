using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using PortDoctor.Core;

namespace PortDoctor.Platform.Linux.Tracing;

/// <summary>
/// The private tracefs instance (instances/portdoctor): its own ring buffer and event switches, so
/// the host's own tracing and other tools' instances are untouched. mkdir creates it whole; rmdir
/// removes it whole, events and buffer included.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class TracefsInstance
{
    public const string Name = "portdoctor";

    public static readonly string[] Events = ["sys_enter_connect", "sys_exit_connect", "sys_enter_bind", "sys_exit_bind"];

    private TracefsInstance(string path) => Path = path;

    public string Path { get; }

    public static string PathUnder(string root) => System.IO.Path.Combine(root, "instances", Name);

    /// <summary>Creates and arms the instance; on any failure it is removed again, so it exists whole or not at all.</summary>
    public static TracefsInstance Create(string root, IReadOnlyList<int> threadIds)
    {
        var instance = new TracefsInstance(PathUnder(root));
        Directory.CreateDirectory(instance.Path);
        try
        {
            instance.Configure(threadIds);
            return instance;
        }
        catch
        {
            instance.Remove();
            throw;
        }
    }

    /// <summary>Removes an instance a killed run left behind; true when there was one.</summary>
    public static bool SweepStale(string root)
    {
        var path = PathUnder(root);
        if (!Directory.Exists(path))
        {
            return false;
        }

        new TracefsInstance(path).Remove();
        return true;
    }

    /// <summary>Events the ring buffer overwrote or dropped (per_cpu/cpuN/stats), summed over CPUs.</summary>
    public long LostEvents()
    {
        long lost = 0;
        foreach (var stats in Directory.EnumerateFiles(System.IO.Path.Combine(Path, "per_cpu"), "stats", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadLines(stats))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var key = colon > 0 ? line[..colon] : string.Empty;
                if (key is "overrun" or "dropped events"
                    && long.TryParse(line.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    lost += n;
                }
            }
        }

        return lost;
    }

    /// <summary>Stops recording (the pipe then only drains).</summary>
    public void Stop() => Write("tracing_on", "0");

    /// <summary>rmdir, retried briefly: the kernel refuses (EBUSY) while a reader still has the pipe open.</summary>
    public void Remove()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(Path);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(100);
            }
            catch (IOException ex)
            {
                throw new PortDoctorException($"cannot remove the tracefs instance {Path}: {ex.Message} (a reader still has it open?)", ExitCode.Unavailable);
            }
        }
    }

    private void Configure(IReadOnlyList<int> threadIds)
    {
        Write("tracing_on", "0");
        Write("buffer_size_kb", "8192");
        Write("trace_clock", "mono");
        Write("options/record-tgid", "1");

        // Wake the reader on any event, not when the buffer is half full.
        TryWrite("buffer_percent", "0");
        if (threadIds.Count > 0)
        {
            // Kernel-side narrowing to the threads asked for, and the threads they start later.
            Write("options/event-fork", "1");
            Write("set_event_pid", string.Join(' ', threadIds.Select(t => t.ToString(CultureInfo.InvariantCulture))));
        }

        foreach (var name in Events)
        {
            if (name.StartsWith("sys_exit", StringComparison.Ordinal))
            {
                // Digits only: filters of older kernels reject negative numbers; errno is matched in user space.
                Write($"events/syscalls/{name}/filter", "ret < 0");
            }

            Write($"events/syscalls/{name}/enable", "1");
        }

        Write("tracing_on", "1");
    }

    private void TryWrite(string file, string value)
    {
        if (File.Exists(System.IO.Path.Combine(Path, file)))
        {
            Write(file, value);
        }
    }

    private void Write(string file, string value)
    {
        var path = System.IO.Path.Combine(Path, file);
        try
        {
            // No truncation or creation: tracefs files are written in place.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
            stream.Write(Encoding.ASCII.GetBytes(value + "\n"));
        }
        catch (IOException ex)
        {
            throw new PortDoctorException($"cannot write '{value}' to {path}: {ex.Message}", ExitCode.Unavailable);
        }
    }
}
