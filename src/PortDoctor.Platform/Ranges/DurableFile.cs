using System.Text;
using PortDoctor.Platform.Linux.Interop;

namespace PortDoctor.Platform.Ranges;

/// <summary>
/// Writes a file so that a crash leaves either the old or the new content: a temp file with a
/// name unique to this write in the same directory, synced, renamed over the target, then the
/// directory synced so the rename itself survives a power cut. A failed write removes its temp file.
/// </summary>
internal static class DurableFile
{
    private const string TempSuffix = ".tmp";

    /// <summary>Writes and syncs a temp file next to <paramref name="path"/>; <see cref="Commit"/> puts it in place.</summary>
    public static string WriteTemp(string path, string content)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);
            stream.Write(Encoding.UTF8.GetBytes(content));
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return temp;
    }

    public static void Commit(string temp, string path)
    {
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        SyncDirectory(Path.GetDirectoryName(path)!);
    }

    public static void Write(string path, string content) => Commit(WriteTemp(path, content), path);

    /// <summary>Removes temp files of <paramref name="fileName"/> that a killed run left (call under the state lock).</summary>
    public static void SweepTemps(string directory, string fileName)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var stale in Directory.EnumerateFiles(directory, $".{fileName}.*{TempSuffix}"))
        {
            File.Delete(stale);
        }
    }

    /// <summary>Deletes a file and syncs its directory, so the deletion is as durable as a write.</summary>
    public static void Delete(string path)
    {
        File.Delete(path);
        SyncDirectory(Path.GetDirectoryName(path)!);
    }

    private static void SyncDirectory(string directory)
    {
        // Windows has no directory fsync; NTFS journals the rename itself.
        if (OperatingSystem.IsLinux())
        {
            Libc.SyncDirectory(directory);
        }
    }
}
