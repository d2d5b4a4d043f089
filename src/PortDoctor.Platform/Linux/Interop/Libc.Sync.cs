using System.Runtime.InteropServices;

namespace PortDoctor.Platform.Linux.Interop;

/// <summary>
/// fsync of a directory, which .NET cannot open as a stream (makes a rename durable), and
/// access(W_OK), which checks a directory is writable without leaving a file in it.
/// </summary>
internal static partial class Libc
{
    private const int Einval = 22;
    private const int WOk = 2;

    public static void SyncDirectory(string path)
    {
        var fd = OpenPath(path, ORdonly | ODirectory | OCloexec);
        if (fd < 0)
        {
            throw new IOException($"cannot open {path} to sync it: {Marshal.GetLastPInvokeErrorMessage()}", Marshal.GetLastPInvokeError());
        }

        try
        {
            // EINVAL: the file system cannot sync directories (some FUSE and 9p mounts): nothing more to do.
            if (fsync(fd) < 0 && Marshal.GetLastPInvokeError() != Einval)
            {
                throw new IOException($"cannot sync {path}: {Marshal.GetLastPInvokeErrorMessage()}", Marshal.GetLastPInvokeError());
            }
        }
        finally
        {
            close(fd);
        }
    }

    /// <summary>Throws an IOException carrying the errno (EROFS, EACCES, ...) when the directory cannot be written.</summary>
    public static void CheckWritable(string path)
    {
        if (access(path, WOk) < 0)
        {
            throw new IOException($"{Marshal.GetLastPInvokeErrorMessage()} : '{path}'", Marshal.GetLastPInvokeError());
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenPath(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);
}
