using System.Diagnostics;
using Xunit;

namespace PortDoctor.Cli.Tests.Metrics;

/// <summary>Debian's promtool and prometheus (package `prometheus`, installed by .ci/run); tests skip without them.</summary>
internal static class Promtool
{
    public static string? Find(string tool) =>
        new[] { "/usr/bin", "/usr/local/bin", "/bin" }.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    public static string Require(string tool)
    {
        var path = Find(tool);
        if (path is null)
        {
            Assert.Skip($"{tool} is not installed (Debian package `prometheus`; .ci/run installs it)");
        }

        return path!;
    }

    /// <summary>Runs promtool with <paramref name="input"/> on stdin; exit code and everything it printed.</summary>
    public static (int Code, string Output) Run(string? input, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Require("promtool"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input ?? "");
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            throw new TimeoutException($"promtool {string.Join(' ', args)} did not finish");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
