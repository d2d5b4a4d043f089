using System.Diagnostics;
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
public sealed class LabNamespace : IDisposable
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

        var lab = new LabNamespace(name);
        try
        {
            Ip("netns", "add", name);
            lab._created = true;
            Ip("-n", name, "link", "set", "lo", "up");
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
            Ip("netns", "delete", Name);
        }
    }

    private void WriteSysctl(string path, string value) =>
        Ip("netns", "exec", Name, "sh", "-c", $"echo '{value}' > /proc/sys/{path}");

    /// <summary>Runs `ip` with the arguments; a failure is one line with ip's own message.</summary>
    public static void Ip(params string[] arguments)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new PortDoctorException($"lab: could not run `ip` (install iproute2): {ex.Message}", ExitCode.Unavailable, ex);
        }

        using var process = started ?? throw new PortDoctorException("lab: could not run ip", ExitCode.Unavailable);
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new PortDoctorException($"lab: ip {string.Join(' ', arguments)} failed: {error.Result.Trim()}", ExitCode.Unavailable);
        }
    }
}
