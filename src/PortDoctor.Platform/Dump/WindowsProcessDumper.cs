using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Diagnostics.NETCore.Client;
using PortDoctor.Core;
using PortDoctor.Platform.Interop.Windows;

namespace PortDoctor.Platform.Dump;

/// <summary>
/// Windows dumps: a .NET process (it publishes `\\.\pipe\dotnet-diagnostic-PID`) through the diagnostics
/// client as on Linux; any other through dbghelp's MiniDumpWriteDump with full memory. Written to a
/// temp file beside the target and renamed, so the dump is whole or absent.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsProcessDumper(Func<string, long> freeBytes) : IProcessDumper
{
    private const int ErrorAccessDenied = 5;

    public WindowsProcessDumper()
        : this(DumpSpace.FreeBytes)
    {
    }

    public DumpPlan Prepare(int pid, string path)
    {
        long memory;
        try
        {
            using var process = Process.GetProcessById(pid);

            // A full-memory minidump holds the committed private memory plus the mapped images, so the
            // larger of private bytes and working set is the better guess of the two Windows reports.
            memory = Math.Max(process.PrivateMemorySize64, process.WorkingSet64);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new PortDoctorException($"--dump {pid}: no process {pid}", ExitCode.BadInput);
        }

        var dotnet = PublishesDiagnosticsPipe(pid);
        var expected = DumpSpace.Expected(memory);
        DumpSpace.Check(pid, Path.GetDirectoryName(Path.GetFullPath(path))!, expected, freeBytes);
        var command = dotnet
            ? $"DiagnosticsClient({pid}).WriteDump(WithHeap) via the .NET diagnostics pipe"
            : $"MiniDumpWriteDump({pid}, MiniDumpWithFullMemory|WithHandleData|WithUnloadedModules|WithFullMemoryInfo|WithThreadInfo)";
        return new DumpPlan(pid, path, command, expected) { DotNet = dotnet };
    }

    /// <summary>MiniDumpWriteDump cannot be interrupted: a cancellation is seen only after it returns.</summary>
    public void Write(DumpPlan plan, CancellationToken cancellationToken)
    {
        if (plan.DotNet)
        {
            DotNetDump.Write(plan);
            return;
        }

        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(plan.Path))!, $".portdoctor-{Environment.ProcessId}-{Guid.NewGuid():N}.dump.{plan.Pid}");
        try
        {
            using (var process = NtDll.OpenProcess(DbgHelp.ProcessQueryAndRead, false, (uint)plan.Pid))
            {
                if (process.IsInvalid)
                {
                    throw Failed(plan.Pid, "OpenProcess", Marshal.GetLastPInvokeError());
                }

                using var file = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.ReadWrite);
                if (!DbgHelp.MiniDumpWriteDump(process, (uint)plan.Pid, file, DbgHelp.FullMemoryDump, 0, 0, 0))
                {
                    throw Failed(plan.Pid, "MiniDumpWriteDump", Marshal.GetLastPInvokeError());
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, plan.Path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// The diagnostics client lists `\\.\pipe\`; where that cannot be listed (Wine: "Bad device type"),
    /// it goes through MiniDumpWriteDump, whose full-memory dump holds a .NET process's GC heap too.
    /// </summary>
    private static bool PublishesDiagnosticsPipe(int pid)
    {
        try
        {
            return DiagnosticsClient.GetPublishedProcesses().Contains(pid);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static PortDoctorException Failed(int pid, string call, int error)
    {
        // MiniDumpWriteDump reports an HRESULT in the last error; both forms of access denied mean elevation.
        var denied = error == ErrorAccessDenied || error == unchecked((int)0x80070005);
        var text = $"{call} failed: {Marshal.GetPInvokeErrorMessage(error)} (0x{error:X8})";
        return new PortDoctorException(
            denied ? $"--dump {pid}: no permission to read process {pid} (run elevated for another user's or a service's process): {text}" : $"--dump {pid}: {text}",
            denied ? ExitCode.NoPermission : ExitCode.Unavailable);
    }
}
