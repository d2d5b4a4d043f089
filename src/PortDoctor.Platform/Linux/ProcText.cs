using System.Buffers;
using System.Text;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// A small procfs or sysfs file read whole as UTF-8 text, as <see cref="File.ReadAllText(string)"/>
/// reads it, without the stream, reader and string builder it sets up: a monitor reads about ten such
/// files a sample (the range sysctls, the kernel counters), and those were ~2 % of its CPU. No byte
/// order mark is looked for: the kernel writes none. A file past <see cref="MaxBytes"/> (not a procfs
/// setting or counter table: a device or a redirected path) is an <see cref="IOException"/>, so
/// memory stays bounded. Errors are <see cref="File.ReadAllText(string)"/>'s (<see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>).
/// </summary>
internal static class ProcText
{
    private const int StackBytes = 4096;

    /// <summary>Larger than any file this reads (/proc/net/netstat is ~3 KB).</summary>
    public const int MaxBytes = 1 << 20;

    public static string Read(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> first = stackalloc byte[StackBytes];
        var length = Fill(handle, first, 0);
        if (length < first.Length)
        {
            return Encoding.UTF8.GetString(first[..length]);
        }

        // Larger than the stack buffer (a /proc/net/netstat with many counters): read on into pooled arrays.
        var rented = ArrayPool<byte>.Shared.Rent(StackBytes * 4);
        try
        {
            first.CopyTo(rented);
            while (true)
            {
                length = Fill(handle, rented, length);
                if (length < rented.Length)
                {
                    return Encoding.UTF8.GetString(rented, 0, length);
                }

                if (length >= MaxBytes)
                {
                    throw new IOException($"{path}: {MaxBytes / 1024} KB or more, not a kernel setting or counter file");
                }

                var larger = ArrayPool<byte>.Shared.Rent(rented.Length * 2);
                rented.AsSpan().CopyTo(larger);
                ArrayPool<byte>.Shared.Return(rented);
                rented = larger;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Reads into <paramref name="buffer"/> from <paramref name="length"/> until it is full or the file ends; the new length.</summary>
    private static int Fill(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, int length)
    {
        while (length < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[length..], length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length;
    }
}
