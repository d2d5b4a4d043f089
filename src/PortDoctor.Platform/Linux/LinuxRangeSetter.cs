using System.Globalization;
using System.Runtime.Versioning;
using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;
using PortDoctor.Platform.Ranges;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// Writes net.ipv4.ip_local_port_range of the current network namespace (one range for TCP and
/// UDP, IPv4 and IPv6), and with --persist a sysctl.d file so it survives a reboot.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LinuxRangeSetter(string procSys = "/proc/sys") : IPortRangeSetter
{
    public const string PersistFileName = LinuxSettings.PersistFileName;

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

    public RangeBackup Apply(RangeSetPlan plan)
    {
        var previousText = File.ReadAllText(RangePath).Trim();
        var previous = LinuxSysctl.ParsePortRange(previousText)
            ?? throw new PortDoctorException($"{RangePath}:1: '{previousText}' is not a port range");
        string? persistFile = null;
        string? persistPrevious = null;
        string? persistTemp = null;

        // Every write is opened before anything changes, so a missing privilege changes nothing.
        using (var proc = OpenForWrite(RangePath, "root or CAP_NET_ADMIN in this network namespace"))
        {
            if (plan.Persist)
            {
                persistFile = Path.Combine(plan.SysctlDirectory, PersistFileName);
                persistPrevious = File.Exists(persistFile) ? File.ReadAllText(persistFile) : null;
                persistTemp = persistFile + ".portdoctor-tmp";
                using var temp = OpenForWrite(persistTemp, "write access to " + plan.SysctlDirectory, create: true);
                using var writer = new StreamWriter(temp);
                writer.Write(PersistContent(plan.NewRange));
            }

            try
            {
                WriteValue(proc, plan.NewRange);
            }
            catch (IOException ex)
            {
                if (persistTemp is not null)
                {
                    File.Delete(persistTemp);
                }

                throw new PortDoctorException($"{RangePath}: the kernel refused \"{Value(plan.NewRange)}\": {ex.Message}", ExitCode.BadInput, ex);
            }
        }

        if (persistTemp is not null)
        {
            File.Move(persistTemp, persistFile!, overwrite: true);
        }

        return new RangeBackup
        {
            Os = "linux",
            Time = DateTimeOffset.UtcNow,
            Ranges = [new RangeBackupEntry("tcp", "ipv4", previous.Start, previous.Count)],
            PersistFile = persistFile,
            PersistPrevious = persistPrevious,
        };
    }

    public void Restore(RangeBackup backup)
    {
        var previous = Previous(backup);
        using (var proc = OpenForWrite(RangePath, "root or CAP_NET_ADMIN in this network namespace"))
        {
            if (backup.PersistFile is { } file)
            {
                // Checked before the range is written, so a read-only sysctl dir changes nothing.
                using var probe = OpenForWrite(file + ".portdoctor-tmp", "write access to " + Path.GetDirectoryName(file), create: true);
            }

            WriteValue(proc, previous);
        }

        if (backup.PersistFile is { } persisted)
        {
            File.Delete(persisted + ".portdoctor-tmp");
            if (backup.PersistPrevious is null)
            {
                File.Delete(persisted);
            }
            else
            {
                File.WriteAllText(persisted, backup.PersistPrevious);
            }
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

    private static FileStream OpenForWrite(string path, string need, bool create = false)
    {
        try
        {
            return new FileStream(path, create ? FileMode.Create : FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
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
            // EROFS: /proc/sys mounted read-only (an unprivileged container) or a read-only /etc.
            throw new PortDoctorException($"cannot write {path}: {ex.Message}; changing the port range needs {need}", ExitCode.NoPermission, ex);
        }
    }
}
