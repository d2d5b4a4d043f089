using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace PortDoctor.Platform.Lab;

/// <summary>
/// A lab killed with SIGKILL (or a machine that lost power mid-run) cannot clean up: its
/// namespace `pdlab-PID-N` stays. The next lab removes those whose PID no longer runs, with
/// whatever still runs inside them; a live lab's namespace is never touched.
/// </summary>
[SupportedOSPlatform("linux")]
public static partial class StaleLabNamespaces
{
    /// <summary>Removes the stale namespaces, one line each on <paramref name="log"/>; returns their names.</summary>
    public static IReadOnlyList<string> Sweep(TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!Directory.Exists(NamespaceFiles.Directory))
        {
            return [];
        }

        var removed = new List<string>();
        foreach (var name in Directory.EnumerateFileSystemEntries(NamespaceFiles.Directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
        {
            if (OwnerPid(name) is not { } pid || Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }

            foreach (var inside in PidsInside(name))
            {
                Kill(inside);
            }

            NamespaceFiles.Remove(name);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lab: removed the stale namespace {name} (its lab, PID {pid}, is gone)"));
            removed.Add(name);
        }

        return removed;
    }

    /// <summary>The lab's PID in a default name `pdlab-PID-N`; null for any other name.</summary>
    private static int? OwnerPid(string name)
    {
        var match = DefaultName().Match(name);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? pid
            : null;
    }

    private static IEnumerable<int> PidsInside(string name)
    {
        string listed;
        try
        {
            listed = Iproute2.Run("netns", "pids", name);
        }
        catch (Core.PortDoctorException)
        {
            // Not a mounted namespace (an add stopped half-way): nothing can run inside.
            return [];
        }

        return listed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0);
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone meanwhile.
        }
    }

    [GeneratedRegex("^pdlab-([0-9]{1,10})-[0-9]{1,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex DefaultName();
}
