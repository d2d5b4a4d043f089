using System.Runtime.Versioning;
using PortDoctor.Core;

namespace PortDoctor.Platform.Linux.Tracing;

/// <summary>
/// One trace per host: tracefs is host-wide (not per network namespace), and the instance has one
/// fixed name. The lock is a flock held by an open file (.NET's FileShare.None), which the kernel
/// drops when the process dies, even by kill -9; the lock file itself stays (it holds nothing).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class TraceLock : IDisposable
{
    private readonly FileStream _file;

    private TraceLock(FileStream file) => _file = file;

    public static string DefaultPath => Directory.Exists("/run/lock") ? "/run/lock/portdoctor-trace.lock" : Path.Combine(Path.GetTempPath(), "portdoctor-trace.lock");

    public static TraceLock Acquire(string path)
    {
        try
        {
            return new TraceLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new PortDoctorException(
                $"another portdoctor trace is running on this host (lock {path} is held); tracefs is host-wide, so one trace at a time",
                ExitCode.Unavailable);
        }
    }

    public void Dispose() => _file.Dispose();
}
