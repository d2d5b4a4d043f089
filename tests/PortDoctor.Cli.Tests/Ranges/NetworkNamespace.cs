using System.Diagnostics;
using PortDoctor.Tests.Shared;

namespace PortDoctor.Cli.Tests.Ranges;

/// <summary>
/// A throw-away network namespace (its own ip_local_port_range) in which the built portdoctor
/// runs for real. Names start with "pdw-" and are unique per test; Dispose deletes it.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private NetworkNamespace(string name) => Name = name;

    public string Name { get; }

    public static bool CanCreate =>
        OperatingSystem.IsLinux() && Environment.UserName == "root"
        && (File.Exists("/usr/sbin/ip") || File.Exists("/sbin/ip") || File.Exists("/usr/bin/ip"));

    public static NetworkNamespace Create()
    {
        var name = "pdw-" + Guid.NewGuid().ToString("N")[..10];
        var (code, _, error) = Run("ip", "netns", "add", name);
        if (code != 0)
        {
            throw new InvalidOperationException($"ip netns add {name} failed: {error}");
        }

        return new NetworkNamespace(name);
    }

    /// <summary>Runs a program inside the namespace.</summary>
    public (int Code, string Out, string Error) Exec(params string[] command) =>
        Run("ip", ["netns", "exec", Name, .. command]);

    /// <summary>Runs the built portdoctor (<see cref="BuiltCli"/>) inside the namespace.</summary>
    public (int Code, string Out, string Error) PortDoctor(params string[] args) =>
        Exec([BuiltCli.Path, .. args]);

    /// <summary>Starts the built portdoctor in the namespace and returns at once (output discarded), so a test can kill it.</summary>
    public Process StartPortDoctor(params string[] args)
    {
        var start = new ProcessStartInfo("ip", ["netns", "exec", Name, BuiltCli.Path, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>
    /// Runs portdoctor in the namespace inside a private mount namespace, after <paramref name="setup"/>
    /// (a shell line, e.g. a read-only bind mount or a small tmpfs) has run there.
    /// </summary>
    public (int Code, string Out, string Error) PortDoctorAfterMounts(string setup, params string[] args) =>
        Exec(["unshare", "-m", "sh", "-c", setup + " && exec \"$@\"", "sh", BuiltCli.Path, .. args]);

    /// <summary>As an unprivileged user (nobody) inside the namespace.</summary>
    public (int Code, string Out, string Error) PortDoctorAsNobody(params string[] args) =>
        Exec(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", BuiltCli.Path, .. args]);

    public string ReadSysctl(string key) =>
        Exec("cat", "/proc/sys/" + key.Replace('.', '/')).Out.Trim();

    public void WriteSysctl(string key, string value)
    {
        var (code, _, error) = Exec("sh", "-c", $"echo '{value}' > /proc/sys/{key.Replace('.', '/')}");
        if (code != 0)
        {
            throw new InvalidOperationException($"cannot set {key} in {Name}: {error}");
        }
    }

    public void Dispose() => Run("ip", "netns", "delete", Name);

    private static (int Code, string Out, string Error) Run(string file, params string[] args) =>
        ChildProgram.Run(file, args, TimeSpan.FromSeconds(60));
}
