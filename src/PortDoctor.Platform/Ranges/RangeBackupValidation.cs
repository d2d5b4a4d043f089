using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;

namespace PortDoctor.Platform.Ranges;

/// <summary>
/// What a backup must hold before a rollback may trust it: a known OS, at least one range with a
/// known protocol and family inside 1-65535, and (when it names one) PortDoctor's own sysctl.d file,
/// so a damaged backup can neither write nonsense into the kernel nor delete an unrelated file.
/// </summary>
internal static class RangeBackupValidation
{
    /// <exception cref="PortDoctorException">Exit 65, naming the file, line and field.</exception>
    public static void Check(RangeBackup backup, string file, string text)
    {
        if (Problem(backup) is not { } problem)
        {
            return;
        }

        var line = JsonPropertyLines.LineOf(text, problem.Field);
        var where = line is null ? file : $"{file}:{line}";
        throw new PortDoctorException(
            $"{where}: damaged range backup: field '{problem.Field}' {problem.Message}; nothing changed (fix or remove the file)",
            ExitCode.BadInput);
    }

    private static (string Field, string Message)? Problem(RangeBackup backup)
    {
        if (backup.Os is not ("linux" or "windows"))
        {
            return ("os", $"is '{backup.Os}', not linux or windows");
        }

        if (string.IsNullOrWhiteSpace(backup.Machine))
        {
            return ("machine", "is empty");
        }

        if (backup.Ranges.Count == 0 || (backup.Os == "linux" && backup.Ranges.Count != 1))
        {
            return ("ranges", $"has {backup.Ranges.Count} entries; {(backup.Os == "linux" ? "Linux has exactly one" : "at least one is needed")}");
        }

        for (var i = 0; i < backup.Ranges.Count; i++)
        {
            if (EntryProblem(backup.Ranges[i]) is { } entry)
            {
                return ($"ranges[{i}].{entry.Field}", entry.Message);
            }
        }

        if (backup.PersistFile is { } persist
            && (!Path.IsPathFullyQualified(persist) || Path.GetFileName(persist) != LinuxSettings.PersistFileName))
        {
            return ("persistFile", $"is '{persist}', not a full path to {LinuxSettings.PersistFileName}");
        }

        return backup.PersistPrevious is not null && backup.PersistFile is null
            ? ("persistFile", "is missing although persistPrevious is given")
            : null;
    }

    private static (string Field, string Message)? EntryProblem(RangeBackupEntry entry)
    {
        if (entry is null)
        {
            return ("start", "is missing (the entry is null)");
        }

        if (entry.Protocol is not ("tcp" or "udp"))
        {
            return ("protocol", $"is '{entry.Protocol}', not tcp or udp");
        }

        if (entry.Family is not ("ipv4" or "ipv6"))
        {
            return ("family", $"is '{entry.Family}', not ipv4 or ipv6");
        }

        if (entry.Start is < 1 or > 65535)
        {
            return ("start", $"is {entry.Start}, outside 1-65535");
        }

        return entry.Count < 1 || (long)entry.Start + entry.Count - 1 > 65535
            ? ("count", $"is {entry.Count}: the range {entry.Start} + {entry.Count} - 1 must end within 1-65535")
            : null;
    }
}
