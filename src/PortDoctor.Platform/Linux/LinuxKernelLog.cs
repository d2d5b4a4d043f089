using System.Diagnostics;
using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// Reads the kernel log through `dmesg` (which knows every kernel's record format); where it is
/// not allowed (kernel.dmesg_restrict without root) or missing, says so in one note.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class LinuxKernelLog
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static (IReadOnlyList<PortEvent> Events, Note? Note) Read()
    {
        var start = new ProcessStartInfo("dmesg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--time-format");
        start.ArgumentList.Add("iso");
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return ([], new Note(NoteKind.KernelLogNotStarted));
            }

            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill();
                return ([], new Note(NoteKind.KernelLogTimedOut));
            }

            return process.ExitCode == 0
                ? (KernelLogLines.Parse(output.Result), null)
                : ([], new Note(NoteKind.KernelLogRefused) { Message = error.Result.Trim() });
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return ([], new Note(NoteKind.KernelLogUnavailable) { Message = ex.Message });
        }
    }
}
