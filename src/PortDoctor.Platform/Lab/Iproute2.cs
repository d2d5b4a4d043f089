using System.Diagnostics;
using PortDoctor.Core;

namespace PortDoctor.Platform.Lab;

/// <summary>iproute2's `ip`, which creates and enters the lab's namespace; run in a session of its own.</summary>
internal static class Iproute2
{
    /// <summary>Where iproute2's `ip` is; one line when it is not installed.</summary>
    public static string Path =>
        new[] { "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip" }.FirstOrDefault(File.Exists)
        ?? throw new PortDoctorException("lab: `ip` was not found: install iproute2", ExitCode.Unavailable);

    /// <summary>Runs `ip` with the arguments in its own session; a failure is one line with ip's own message.</summary>
    public static string Run(params string[] arguments)
    {
        using var process = Process.Start(OwnSession.StartInfo(Path, arguments))
            ?? throw new PortDoctorException("lab: could not run ip", ExitCode.Unavailable);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new PortDoctorException($"lab: ip {string.Join(' ', arguments)} failed: {error.Result.Trim()}", ExitCode.Unavailable);
        }

        return output;
    }
}
