namespace PortDoctor.Cli;

/// <summary>
/// A disk that cannot take a write is a condition of the machine, not a missing privilege or a
/// bug: one line naming it and the path (exit 69). .NET keeps errno (Unix) or the HRESULT
/// (Windows) in <see cref="Exception.HResult"/> and the path after " : '" in the message.
/// </summary>
internal static class StorageFault
{
    private const int Enospc = 28;
    private const int Erofs = 30;
    private const int Edquot = 122;
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsWriteProtect = unchecked((int)0x80070013);
    private const int WindowsQuotaExceeded = unchecked((int)0x8007050F);

    /// <summary>"no space left on device: /var/lib/x", or null when the exception is another kind of fault.</summary>
    public static string? Describe(IOException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var condition = ex.HResult switch
        {
            Enospc or WindowsDiskFull or WindowsHandleDiskFull => "no space left on device",
            Erofs or WindowsWriteProtect => "read-only file system",
            Edquot or WindowsQuotaExceeded => "disk quota exceeded",
            _ => null,
        };
        return condition is null ? null : PathOf(ex.Message) is { } path ? $"{condition}: {path}" : condition;
    }

    private static string? PathOf(string message)
    {
        const string Marker = " : '";
        var start = message.LastIndexOf(Marker, StringComparison.Ordinal);
        return start >= 0 && message.EndsWith('\'') && message.Length > start + Marker.Length + 1
            ? message[(start + Marker.Length)..^1]
            : null;
    }
}
