using System.Diagnostics;

namespace PortDoctor.Platform.Lab;

/// <summary>
/// Starts the lab's children in a session of their own (util-linux or busybox `setsid`, which
/// execs in place, so the PID is the child's), so Ctrl+C or a signal to the lab's process group
/// reaches the lab alone: it stops them in order and removes the namespace. Without `setsid`
/// they start as before, in the lab's group.
/// </summary>
internal static class OwnSession
{
    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid", "/usr/sbin/setsid", "/sbin/setsid" }.FirstOrDefault(File.Exists);

    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Setsid ?? file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Setsid is not null)
        {
            start.ArgumentList.Add(file);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
