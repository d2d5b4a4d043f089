using System.Globalization;

namespace PortDoctor.Evidence.Processes;

/// <summary>One row of a process list (Get-Process, tasklist) as cells: PID, handle count (if any), name.</summary>
internal static class ListedProcess
{
    /// <summary>
    /// A process from its cells; false when the PID or name is missing, or a handle count is given but
    /// not a number. PID 0 (Idle) is no process: netstat gives it to TIME_WAIT rows, so naming it would
    /// give the kernel's sockets an owner.
    /// </summary>
    public static bool TryCreate(string? id, string? handles, string? name, out ProcessInfo? process, out bool idle)
    {
        process = null;
        idle = false;
        name = name?.Trim();
        if (!TryNumber(id, out var pid) || string.IsNullOrEmpty(name))
        {
            return false;
        }

        int? handleCount = null;
        if (!string.IsNullOrWhiteSpace(handles))
        {
            if (!TryNumber(handles, out var count))
            {
                return false;
            }

            handleCount = count;
        }

        idle = pid == 0;
        process = idle ? null : new ProcessInfo(pid, name) { HandleCount = handleCount };
        return true;
    }

    /// <summary>A count as Windows prints it, with or without group separators ("25,316", "25.316", "25 316").</summary>
    public static bool TryNumber(string? text, out int value)
    {
        value = 0;
        var digits = (text ?? "").Trim().Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)
            .Replace("\u00A0", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return digits.Length > 0 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
