namespace PortDoctor.Platform.Dump;

/// <summary>A .NET process listens on `dotnet-diagnostic-PID-*-socket` in its TMPDIR (default /tmp).</summary>
internal static class DotNetSocket
{
    public static string? Find(int pid)
    {
        var folders = new[] { Environment.GetEnvironmentVariable("TMPDIR"), "/tmp" }
            .Where(f => !string.IsNullOrEmpty(f) && Directory.Exists(f))
            .Distinct(StringComparer.Ordinal);
        return folders
            .SelectMany(f => Directory.EnumerateFiles(f!, $"dotnet-diagnostic-{pid}-*-socket"))
            .FirstOrDefault();
    }
}
