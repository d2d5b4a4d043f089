using PortDoctor.Core;

namespace PortDoctor.Platform.Ranges;

/// <summary>
/// One `range set`/`rollback` at a time per state directory: an exclusive lock on `range.lock`
/// (FileShare.None is flock(LOCK_EX) on Linux and a sharing lock on Windows; the OS drops it when
/// the process dies, so a killed run never blocks the next). A second run waits up to
/// <see cref="Wait"/>, then refuses with one line.
/// </summary>
internal sealed class RangeStateLock : IDisposable
{
    public const string FileName = "range.lock";

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private const int WouldBlock = 11;
    private const int WindowsSharingViolation = unchecked((int)0x80070020);

    private readonly FileStream _file;

    private RangeStateLock(FileStream file) => _file = file;

    public static RangeStateLock Acquire(string directory, TimeProvider time)
    {
        var path = Path.Combine(directory, FileName);
        var deadline = time.GetTimestamp() + (long)(Wait.TotalSeconds * time.TimestampFrequency);
        while (true)
        {
            try
            {
                Directory.CreateDirectory(directory);
                return new RangeStateLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException ex) when (ex.HResult is WouldBlock or WindowsSharingViolation)
            {
                if (time.GetTimestamp() > deadline)
                {
                    throw new PortDoctorException(
                        $"another `portdoctor range set` or `rollback` still holds {path} after {Wait.TotalSeconds:0} s: nothing changed",
                        ExitCode.Unavailable);
                }

                Thread.Sleep(50);
            }
            catch (Exception ex) when (StateFileFault.IsFileFault(ex))
            {
                throw StateFileFault.From(path, ex, "nothing changed");
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
