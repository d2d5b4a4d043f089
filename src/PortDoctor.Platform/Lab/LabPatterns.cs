using PortDoctor.Core;

namespace PortDoctor.Platform.Lab;

/// <summary>Spellings of <see cref="LabPattern"/> on the command line (the same as diagnose's pattern names).</summary>
public static class LabPatterns
{
    public static readonly IReadOnlyList<string> Names = ["bound", "established", "close-wait", "time-wait", "healthy"];

    public static string ToName(this LabPattern pattern) => Names[(int)pattern];

    public static LabPattern Parse(string text)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                return (LabPattern)i;
            }
        }

        throw new PortDoctorException($"--pattern '{text}': use one of {string.Join(", ", Names)}", ExitCode.Usage);
    }

    /// <summary>How the lab's server treats accepted connections so the client shows the pattern.</summary>
    public static LabServerMode ServerMode(this LabPattern pattern) => pattern switch
    {
        // The server closes at once: the client gets FIN and, never closing, sits in CLOSE_WAIT.
        LabPattern.CloseWait => LabServerMode.CloseAtOnce,

        // The server waits for the client to close first, so TIME_WAIT lands on the client side.
        LabPattern.TimeWait or LabPattern.Healthy => LabServerMode.CloseAfterPeer,
        _ => LabServerMode.Hold,
    };
}
