using System.Globalization;
using PortDoctor.Core;

namespace PortDoctor.Platform.Dump;

/// <summary>
/// The free-disk check before a dump: a core holds about the process's resident memory (VmRSS),
/// so refuse unless the folder has that plus a quarter and 64 MB to spare.
/// </summary>
internal static class DumpSpace
{
    private const long Spare = 64L << 20;

    public static long Expected(long residentBytes) => residentBytes + (residentBytes / 4) + Spare;

    public static long FreeBytes(string folder) => new DriveInfo(folder).AvailableFreeSpace;

    public static void Check(int pid, string folder, long expected, Func<string, long> freeBytes)
    {
        var free = freeBytes(folder);
        if (free < expected)
        {
            throw new PortDoctorException(
                string.Create(CultureInfo.InvariantCulture, $"--dump {pid}: needs about {Mb(expected)} MB free in {folder}, only {Mb(free)} MB free; nothing written"),
                ExitCode.Unavailable);
        }
    }

    private static long Mb(long bytes) => (bytes + (1L << 20) - 1) >> 20;
}
