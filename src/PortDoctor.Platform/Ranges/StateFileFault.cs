using PortDoctor.Core;

namespace PortDoctor.Platform.Ranges;

/// <summary>
/// One line for a file PortDoctor could not write, by cause: a full disk or a read-only file
/// system is said as such (exit 69), a refused permission is exit 77.
/// </summary>
internal static class StateFileFault
{
    private const int Eacces = 13;
    private const int Enospc = 28;
    private const int Erofs = 30;
    private const int WindowsDiskFull = unchecked((int)0x80070070);

    public static PortDoctorException From(string path, Exception ex, string outcome) => ex switch
    {
        PortDoctorException known => known,
        UnauthorizedAccessException or IOException { HResult: Eacces } => new($"cannot write {path}: permission denied; {outcome}", ExitCode.NoPermission, ex),
        IOException { HResult: Enospc or WindowsDiskFull } => new($"cannot write {path}: No space left on device (disk full); {outcome}", ExitCode.Unavailable, ex),
        IOException { HResult: Erofs } => new($"cannot write {path}: Read-only file system; {outcome}", ExitCode.Unavailable, ex),
        _ => new($"cannot write {path}: {ex.Message}; {outcome}", ExitCode.Unavailable, ex),
    };

    /// <summary>Whether <see cref="From"/> knows the exception (anything else is a bug, not a fault of the disk).</summary>
    public static bool IsFileFault(Exception ex) => ex is IOException or UnauthorizedAccessException or PortDoctorException;
}
