using System.Globalization;
using System.Runtime.Versioning;
using PortDoctor.Core;
using PortDoctor.Core.Model;

namespace PortDoctor.Platform.Lab;

/// <summary>
/// A throw-away network namespace with loopback up, a narrow ephemeral range and
/// tcp_tw_reuse=0 (so TIME_WAIT really holds ports). Dispose deletes it, which also frees every
/// socket left inside.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LabNamespace : IDisposable
{
    private bool _created;

    private LabNamespace(string name) => Name = name;

    public string Name { get; }

    public static LabNamespace Create(string name, PortRange range)
    {
        if (name.Length is 0 or > 32 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new PortDoctorException($"lab: namespace name '{name}' must be 1-32 letters, digits, '-', '_' or '.'", ExitCode.Usage);
        }

        if (File.Exists(NamespaceFiles.PathOf(name)))
        {
            throw new PortDoctorException($"lab: namespace {name} already exists: choose another --namespace", ExitCode.Unavailable);
        }

        // Ours from before `ip netns add` runs: if the add is stopped half-way, Dispose removes what it left.
        var lab = new LabNamespace(name) { _created = true };
        try
        {
            Iproute2.Run("netns", "add", name);
            Iproute2.Run("-n", name, "link", "set", "lo", "up");
            var value = string.Create(CultureInfo.InvariantCulture, $"{range.Start} {range.End}");
            lab.WriteSysctl("net/ipv4/ip_local_port_range", value);
            lab.WriteSysctl("net/ipv4/tcp_tw_reuse", "0");
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_created)
        {
            _created = false;
            NamespaceFiles.Remove(Name);
        }
    }

    private void WriteSysctl(string path, string value) =>
        Iproute2.Run("netns", "exec", Name, "sh", "-c", $"echo '{value}' > /proc/sys/{path}");
}
