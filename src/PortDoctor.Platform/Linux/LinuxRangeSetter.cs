using System.Globalization;
using System.Runtime.Versioning;
using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;
using PortDoctor.Platform.Linux.Interop;
using PortDoctor.Platform.Ranges;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// Writes net.ipv4.ip_local_port_range of the current network namespace (one range for TCP and
/// UDP, IPv4 and IPv6), and with --persist a sysctl.d file so it survives a reboot.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxRangeSetter(string procSys = "/proc/sys") : IPortRangeSetter
{
    public const string PersistFileName = LinuxSettings.PersistFileName;

    private const string NetAdmin = "root or CAP_NET_ADMIN in this network namespace";

    private string RangePath => LinuxPortConfigurationReader.PathOf(procSys, LinuxSettings.PortRangeKey);

    public static string Value(PortRange range) =>
        range.Start.ToString(CultureInfo.InvariantCulture) + " " + range.End.ToString(CultureInfo.InvariantCulture);

    public static string PersistContent(PortRange range) =>
        "# Written by `portdoctor range set --persist`; `portdoctor range rollback --yes` restores the previous state.\n" +
        $"{LinuxSettings.PortRangeKey} = {Value(range)}\n";

    public IReadOnlyList<string> Describe(RangeSetPlan plan)
    {
        var lines = new List<string>
        {
            $"write \"{Value(plan.NewRange)}\" to {RangePath}",
            $"(the same as: sysctl -w {LinuxSettings.PortRangeKey}=\"{Value(plan.NewRange)}\")",
        };
        if (plan.Persist)
        {
            lines.Add($"write {Path.Combine(plan.SysctlDirectory, PersistFileName)}: {LinuxSettings.PortRangeKey} = {Value(plan.NewRange)}");
        }

        return lines;
    }

    public IReadOnlyList<string> DescribeRestore(RangeBackup backup)
    {
        var previous = Previous(backup);
        var lines = new List<string> { $"write \"{Value(previous)}\" to {RangePath}" };
        if (backup.PersistFile is { } file)
        {
            lines.Add(backup.PersistPrevious is null ? $"delete {file}" : $"write back the previous content of {file}");
        }

        return lines;
    }

    public RangeScope Scope()
    {
        var machineId = File.Exists("/etc/machine-id") ? File.ReadAllText("/etc/machine-id").Trim() : "";
        var network = new FileInfo("/proc/thread-self/ns/net").LinkTarget;
        return new RangeScope(machineId.Length > 0 ? machineId : Environment.MachineName, network);
    }

    public void CheckAccess(RangeSetPlan? plan)
    {
        using (OpenForWrite(RangePath, NetAdmin))
        {
        }

        if (plan is { Persist: true })
        {
            ProbeDirectory(Path.Combine(plan.SysctlDirectory, PersistFileName));
        }
    }

    public RangeBackup Capture(RangeSetPlan plan)
    {
        var previousText = File.ReadAllText(RangePath).Trim();
        var previous = LinuxSysctl.ParsePortRange(previousText)
            ?? throw new PortDoctorException($"{RangePath}:1: '{previousText}' is not a port range");
        var persistFile = plan.Persist ? Path.Combine(plan.SysctlDirectory, PersistFileName) : null;
        var scope = Scope();
        return new RangeBackup
        {
            Os = "linux",
            Time = DateTimeOffset.UtcNow,
            Ranges = [new RangeBackupEntry("tcp", "ipv4", previous.Start, previous.Count)],
            Machine = scope.Machine,
            NetworkNamespace = scope.NetworkNamespace,
            PersistFile = persistFile,
            PersistPrevious = persistFile is not null && File.Exists(persistFile) ? File.ReadAllText(persistFile) : null,
        };
    }

    public void Apply(RangeSetPlan plan, RangeBackup before)
    {
        // The sysctl.d content is written and synced first, put in place only once the kernel took the range.
        var persistFile = plan.Persist ? Path.Combine(plan.SysctlDirectory, PersistFileName) : null;
        var temp = persistFile is null ? null : WriteTemp(persistFile, PersistContent(plan.NewRange));
        try
        {
            using var proc = OpenForWrite(RangePath, NetAdmin);
            WriteValue(proc, plan.NewRange);
        }
        catch (Exception ex)
        {
            DeleteQuietly(temp);
            throw ex is IOException
                ? new PortDoctorException($"{RangePath}: the kernel refused \"{Value(plan.NewRange)}\": {ex.Message}", ExitCode.BadInput, ex)
                : ex;
        }

        if (temp is not null)
        {
            try
            {
                DurableFile.Commit(temp, persistFile!);
            }
            catch (Exception ex) when (StateFileFault.IsFileFault(ex))
            {
                using (var proc = OpenForWrite(RangePath, NetAdmin))
                {
                    WriteValue(proc, Previous(before));
                }

                throw StateFileFault.From(persistFile!, ex, $"the range was put back to {Previous(before)}");
            }
        }
    }

    public void Restore(RangeBackup backup)
    {
        var previous = Previous(backup);
        var file = backup.PersistFile;

        // Everything that can fail on the sysctl.d side is tried before the range is written.
        string? temp = null;
        if (file is not null)
        {
            DurableFile.SweepTemps(Path.GetDirectoryName(file)!, PersistFileName);
            temp = backup.PersistPrevious is { } content ? WriteTemp(file, content) : ProbeDirectory(file);
        }

        try
        {
            using var proc = OpenForWrite(RangePath, NetAdmin);
            WriteValue(proc, previous);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }

        if (file is null)
        {
            return;
        }

        if (backup.PersistPrevious is null)
        {
            if (File.Exists(file))
            {
                DurableFile.Delete(file);
            }
        }
        else
        {
            DurableFile.Commit(temp!, file);
        }
    }

    /// <summary>Fails now if the directory of <paramref name="file"/> cannot be written (leaves no file behind).</summary>
    private static string? ProbeDirectory(string file)
    {
        var directory = Path.GetDirectoryName(file)!;
        if (!Directory.Exists(directory))
        {
            throw new PortDoctorException($"cannot write {file}: the directory does not exist", ExitCode.BadInput);
        }

        try
        {
            Libc.CheckWritable(directory);
        }
        catch (IOException ex)
        {
            throw StateFileFault.From(file, ex, "nothing changed");
        }

        return null;
    }

    private static string WriteTemp(string file, string content)
    {
        ProbeDirectory(file);
        var directory = Path.GetDirectoryName(file)!;
        try
        {
            DurableFile.SweepTemps(directory, PersistFileName);
            return DurableFile.WriteTemp(file, content);
        }
        catch (Exception ex) when (StateFileFault.IsFileFault(ex))
        {
            throw StateFileFault.From(file, ex, "nothing changed");
        }
    }

    private static void DeleteQuietly(string? path)
    {
        if (path is not null)
        {
            File.Delete(path);
        }
    }

    private static PortRange Previous(RangeBackup backup)
    {
        if (backup.Os != "linux" || backup.Ranges.Count != 1)
        {
            throw new PortDoctorException($"the backup is for {backup.Os} with {backup.Ranges.Count} range(s); this is Linux with one");
        }

        return new PortRange(backup.Ranges[0].Start, backup.Ranges[0].Count);
    }

    private static void WriteValue(FileStream proc, PortRange range)
    {
        // One write(2) of the whole value: sysctl files take the value in a single write.
        var bytes = System.Text.Encoding.ASCII.GetBytes(Value(range) + "\n");
        proc.Write(bytes);
        proc.Flush();
    }

    private static FileStream OpenForWrite(string path, string need)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
        }
        catch (UnauthorizedAccessException)
        {
            throw new PortDoctorException($"cannot write {path}: changing the port range needs {need}", ExitCode.NoPermission);
        }
        catch (DirectoryNotFoundException)
        {
            throw new PortDoctorException($"cannot write {path}: the directory does not exist", ExitCode.BadInput);
        }
        catch (IOException ex)
        {
            // EROFS: /proc/sys mounted read-only (an unprivileged container).
            throw new PortDoctorException($"cannot write {path}: {ex.Message}; changing the port range needs {need}", ExitCode.NoPermission, ex);
        }
    }
}
