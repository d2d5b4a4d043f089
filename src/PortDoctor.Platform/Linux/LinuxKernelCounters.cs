using System.Runtime.Versioning;
using PortDoctor.Evidence.Linux;

namespace PortDoctor.Platform.Linux;

/// <summary>Reads /proc/net/netstat of this network namespace (TCPTimeWaitOverflow and friends).</summary>
[SupportedOSPlatform("linux")]
public static class LinuxKernelCounters
{
    public static IReadOnlyDictionary<string, long>? Read(string path = "/proc/net/netstat")
    {
        try
        {
            return ProcNetStatCounters.Parse(File.ReadAllText(path), path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Hidden in some containers: the diagnosis goes on without kernel counters.
            return null;
        }
    }
}
