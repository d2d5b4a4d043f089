using System.Diagnostics;
using PortDoctor.Cli.Tests.Ranges;
using PortDoctor.Tests.Shared;

namespace PortDoctor.Cli.Tests.Namespaces;

/// <summary>The built portdoctor run in the host's own namespace (it enters others itself), and programs started inside a test namespace.</summary>
internal static class HostPortDoctor
{
    public static (int Code, string Out, string Error) Run(params string[] args) =>
        ChildProgram.Run(BuiltCli.Path, args, TimeSpan.FromSeconds(120));

    /// <summary>Starts a python program inside the namespace (lo up first); returns once it printed its first line.</summary>
    public static Process StartPython(NetworkNamespace ns, string script, params string[] args)
    {
        ns.Exec("ip", "link", "set", "lo", "up");
        var process = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", ns.Name, "python3", "-c", script, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        })!;
        process.StandardOutput.ReadLine();
        return process;
    }

    public static void Stop(Process process)
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }

    public static string Inode(string path) => ChildProgram.Run("stat", ["-L", "-c", "%i", path], TimeSpan.FromSeconds(10)).Out.Trim();
}
