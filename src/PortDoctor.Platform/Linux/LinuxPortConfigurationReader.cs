using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// Reads the ephemeral-range sysctls of the network namespace this process runs in.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxPortConfigurationReader
{
    private static readonly string[] Keys =
    [
        LinuxSettings.PortRangeKey,
        LinuxSettings.ReservedPortsKey,
        LinuxSettings.UnprivilegedPortStartKey,
        LinuxSettings.TcpTwReuseKey,
        LinuxSettings.TcpFinTimeoutKey,
        "net.ipv4.tcp_max_tw_buckets",
    ];

    private readonly string _procSys;

    /// <param name="procSys">The sysctl tree, normally /proc/sys (tests point it elsewhere).</param>
    public LinuxPortConfigurationReader(string procSys = "/proc/sys") => _procSys = procSys;

    public static string PathOf(string procSys, string key) => Path.Combine(procSys, key.Replace('.', '/'));

    public PortConfiguration Read()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in Keys)
        {
            try
            {
                values[key] = ProcText.Read(PathOf(_procSys, key)).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Missing on older kernels or hidden in containers: reported as absent, not fatal.
            }
        }

        return LinuxSysctl.ToConfiguration(values, _procSys);
    }
}
