using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Interop.Windows;

namespace PortDoctor.Platform.Windows;

/// <summary>
/// Names, handle counts, command lines and hosted services of the processes that own sockets.
/// A normal user sees names of all processes but not the handle counts or command lines of other
/// users' and system processes: those stay null and <see cref="Denied"/> counts them.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsProcessReader
{
    public int Denied { get; private set; }

    public Dictionary<int, ProcessInfo> Read(IReadOnlyList<SocketEntry> sockets, bool details)
    {
        var socketCounts = sockets.Where(s => s.Pid is not null)
            .GroupBy(s => s.Pid!.Value)
            .ToDictionary(g => g.Key, g => g.Count());
        var services = details ? WindowsServiceMap.Read() : new Dictionary<int, List<string>>();
        var processes = new Dictionary<int, ProcessInfo>(socketCounts.Count);
        foreach (var (pid, count) in socketCounts)
        {
            processes[pid] = ReadOne(pid, count, details, services);
        }

        return processes;
    }

    private ProcessInfo ReadOne(int pid, int socketCount, bool details, Dictionary<int, List<string>> services)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            var info = new ProcessInfo(pid, process.ProcessName) { SocketCount = socketCount };
            if (!details)
            {
                return info;
            }

            int? handles = null;
            try
            {
                handles = process.HandleCount;
            }
            catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
            {
                Denied++;
            }

            return info with
            {
                HandleCount = handles,
                CommandLine = ReadCommandLine(pid),
                Services = services.TryGetValue(pid, out var names) ? names : [],
            };
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Exited between the socket table and now.
            return new ProcessInfo(pid, "(exited)") { SocketCount = socketCount };
        }
    }

    private static unsafe string? ReadCommandLine(int pid)
    {
        using var handle = NtDll.OpenProcess(NtDll.ProcessQueryLimitedInformation, false, (uint)pid);
        if (handle.IsInvalid)
        {
            return null;
        }

        // The answer is a UNICODE_STRING (Length, MaximumLength, Buffer pointer) followed by the text.
        var buffer = new byte[4096];
        for (var attempt = 0; attempt < 3; attempt++)
        {
            fixed (byte* data = buffer)
            {
                var status = NtDll.NtQueryInformationProcess(
                    handle, NtDll.ProcessCommandLineInformation, data, (uint)buffer.Length, out var needed);
                if (status == 0)
                {
                    var length = *(ushort*)data;
                    var text = *(char**)(data + IntPtr.Size);
                    return text == null ? null : new string(text, 0, length / 2);
                }

                // STATUS_INFO_LENGTH_MISMATCH: try once more with the size asked for.
                if (status != unchecked((int)0xC0000004) || needed <= buffer.Length)
                {
                    return null;
                }

                buffer = new byte[needed];
            }
        }

        return null;
    }
}
