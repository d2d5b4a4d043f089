using System.Diagnostics;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>Runs a program (the built binary, ip, setpriv) and captures what it printed.</summary>
internal static class ProcessRunner
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(string fileName, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(fileName, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var cancel = TestContext.Current.CancellationToken;
        var errorTask = process.StandardError.ReadToEndAsync(cancel);
        var output = await process.StandardOutput.ReadToEndAsync(cancel);
        var error = await errorTask;
        await process.WaitForExitAsync(cancel);
        return (process.ExitCode, output, error);
    }
}
