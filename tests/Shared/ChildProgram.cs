using System.Diagnostics;

namespace PortDoctor.Tests.Shared;

/// <summary>
/// Runs a program to completion with an argument list and captures its output; killed (with its
/// children) after the timeout. Linked into several test projects.
/// </summary>
internal static class ChildProgram
{
    public static (int Code, string Out, string Error) Run(
        string file, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout.TotalSeconds:0} s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
