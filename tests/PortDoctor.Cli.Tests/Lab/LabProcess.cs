using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace PortDoctor.Cli.Tests.Lab;

/// <summary>Runs the built `portdoctor` binary as a real process, as a user (or CI) runs the lab.</summary>
internal static class LabProcess
{
    private const string TagVariable = "PORTDOCTOR_TEST_TAG";

    public static string Binary => BuiltCli.Path;

    /// <summary>Why root-only lab tests cannot run here, or null when they can.</summary>
    public static string? SkipReason()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return "the lab needs root (network namespaces)";
        }

        return File.Exists("/usr/sbin/ip") || File.Exists("/sbin/ip") || File.Exists("/usr/bin/ip") || File.Exists("/bin/ip")
            ? null
            : "`ip` (iproute2) is not installed";
    }

    /// <summary>A namespace name unique to this test and process, with the team's prefix.</summary>
    public static string NamespaceName(string test) => $"pdd-{test}-{Environment.ProcessId}";

    public static Process Start(params string[] args) => Start(Binary, args);

    /// <summary>
    /// Starts the binary as a terminal would start a foreground job: SIGINT at its default, in a
    /// process group (and session) of its own, so a signal to the group reaches it and every child
    /// that stayed in its group, as Ctrl+C or `kill -TERM -PGID` does. The tag goes into the
    /// environment, which every descendant inherits: <see cref="ProcessesTagged"/> finds them.
    /// </summary>
    public static Process StartAsForegroundJob(string tag, params string[] args) =>
        Start("env", ["--default-signal=INT", $"{TagVariable}={tag}", "setsid", Binary, .. args]);

    /// <summary>Processes still running (not zombies) whose environment holds the tag.</summary>
    public static IReadOnlyList<string> ProcessesTagged(string tag)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var environment = File.ReadAllText(Path.Combine(dir, "environ"));
                if (environment.Split('\0').Contains($"{TagVariable}={tag}"))
                {
                    found.Add($"{Path.GetFileName(dir)}: {File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ')}");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not a process, or gone meanwhile.
            }
        }

        return found;
    }

    /// <summary>Sends a signal to the process group whose leader is <paramref name="leader"/>.</summary>
    public static void SignalGroup(Process leader, string signal) =>
        RunTool("kill", $"-{signal}", "--", $"-{leader.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    /// <summary>PIDs of the processes inside the namespace.</summary>
    public static IReadOnlyList<int> PidsIn(string name) =>
        [.. RunTool("ip", "netns", "pids", name).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))];

    private static Process Start(string file, string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    public static (int Code, string Out, string Error) Run(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill();
            throw new TimeoutException($"portdoctor {string.Join(' ', args)} did not finish");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs `lab --format json` and returns the lab document.</summary>
    public static JsonElement RunLab(string namespaceName, params string[] args)
    {
        var (code, output, error) = Run(["lab", .. args, "--namespace", namespaceName, "--format", "json"]);
        Assert.True(code == 0, $"lab exited {code}: {error}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    public static bool NamespaceExists(string name)
    {
        var (_, output, _) = RunTool("ip", "netns", "list");
        return output.Split('\n').Any(line => line.Split(' ')[0] == name);
    }

    public static (int Code, string Out, string Error) RunTool(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error);
    }
}
