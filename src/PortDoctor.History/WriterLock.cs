namespace PortDoctor.History;

/// <summary>
/// The one-writer rule: an exclusive lock on "&lt;db&gt;.lock" held while a store writes. On Unix .NET
/// takes it with flock(LOCK_EX|LOCK_NB), on Windows with a share mode of none; both go away with the
/// file handle, so a killed writer never leaves the file locked. The lock file itself stays.
/// </summary>
internal sealed class WriterLock : IDisposable
{
    private readonly FileStream _stream;

    private WriterLock(FileStream stream) => _stream = stream;

    public static WriterLock Acquire(string databasePath)
    {
        try
        {
            return new WriterLock(new FileStream(databasePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new HistoryWriterConflictException(databasePath, ex);
        }
    }

    public void Dispose() => _stream.Dispose();
}
