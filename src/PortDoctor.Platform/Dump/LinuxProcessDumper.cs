using System.ComponentModel;
using PortDoctor.Core;

namespace PortDoctor.Platform.Dump;

/// <summary>
/// Linux dumps: gcore (from gdb) writes an ELF core of any process; a .NET process (found by its
/// diagnostics socket) is said in the manifest's command. <paramref name="freeBytes"/> and
/// <paramref name="gcore"/> are injectable for tests.
/// </summary>
internal sealed class LinuxProcessDumper(Func<string, long> freeBytes, string? gcore) : IProcessDumper
{
    public LinuxProcessDumper()
        : this(DumpSpace.FreeBytes, FindGcore())
    {
    }

    public DumpPlan Prepare(int pid, string path)
    {
        var status = $"/proc/{pid}/status";
        if (pid <= 0 || !File.Exists(status))
        {
            throw new PortDoctorException($"--dump {pid}: no process {pid} (nothing in /proc/{pid})", ExitCode.BadInput);
        }

        var dotnet = DotNetSocket.Find(pid) is not null;
        if (gcore is null && !dotnet)
        {
            throw new PortDoctorException($"--dump {pid}: no way to dump a process here: gcore is missing (install gdb)", ExitCode.Unavailable);
        }

        var expected = DumpSpace.Expected(ResidentBytes(status));
        DumpSpace.Check(pid, Path.GetDirectoryName(Path.GetFullPath(path))!, expected, freeBytes);
        var command = dotnet ? $"DiagnosticsClient({pid}).WriteDump(WithHeap) via the .NET diagnostics socket" : $"{gcore} -o PREFIX {pid}";
        return new DumpPlan(pid, path, command, expected) { DotNet = dotnet };
    }

    public void Write(DumpPlan plan, CancellationToken cancellationToken)
    {
        if (plan.DotNet)
        {
            DotNetDump.Write(plan);
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(plan.Path))!;
        var prefix = Path.Combine(folder, $".portdoctor-{Environment.ProcessId}-{Guid.NewGuid():N}.dump");
        var written = $"{prefix}.{plan.Pid}";
        try
        {
            ExternalCommand.Result result;
            try
            {
                result = ExternalCommand.Run(gcore!, ["-o", prefix, plan.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(30));
            }
            catch (Win32Exception ex)
            {
                throw new PortDoctorException($"--dump {plan.Pid}: {gcore} did not start: {ex.Message}", ExitCode.Unavailable);
            }

            if (result.ExitCode != 0 || !File.Exists(written))
            {
                throw Failed(plan.Pid, result);
            }

            File.Move(written, plan.Path, overwrite: true);
        }
        catch
        {
            File.Delete(written);
            throw;
        }
    }

    private static PortDoctorException Failed(int pid, ExternalCommand.Result result)
    {
        var text = (result.Error + "\n" + result.Output).Trim();
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("ptrace", StringComparison.OrdinalIgnoreCase) || l.Contains("No such process", StringComparison.Ordinal))
            ?? text.Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? $"exit code {result.ExitCode}";
        var denied = text.Contains("Operation not permitted", StringComparison.Ordinal);
        return new PortDoctorException(
            denied ? $"--dump {pid}: no permission to attach to process {pid} (root or CAP_SYS_PTRACE; see kernel.yama.ptrace_scope): gcore: {line}" : $"--dump {pid}: gcore failed: {line}",
            denied ? ExitCode.NoPermission : ExitCode.Unavailable);
    }

    /// <summary>VmRSS from /proc/PID/status, in bytes (0 for a kernel thread, which has none).</summary>
    internal static long ResidentBytes(string status)
    {
        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static string? FindGcore() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "gcore"))
            .FirstOrDefault(File.Exists);
}
