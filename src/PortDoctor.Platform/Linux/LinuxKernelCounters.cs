using System.Runtime.Versioning;
using PortDoctor.Evidence.Linux;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// Reads /proc/net/netstat of the calling thread's network namespace (TCPTimeWaitOverflow and friends):
/// /proc/thread-self/net, since /proc/net is /proc/self/net, the main thread's namespace, not a setns thread's.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class LinuxKernelCounters
{
    public static IReadOnlyDictionary<string, long>? Read(string path = "/proc/thread-self/net/netstat")
    {
        try
        {
            return ProcNetStatCounters.Parse(ProcText.Read(path), path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Hidden in some containers: the diagnosis goes on without kernel counters.
            return null;
        }
    }
}
