using System.Diagnostics;

namespace PortDoctor.Reporting.Tests.Browser;

/// <summary>
/// Debian's <c>chromium</c>, headless: a screenshot of a local page plus the browser's net log.
/// The browser's own requests (updates, sign-in) go nowhere: every host name resolves to nothing
/// and every request goes to a proxy on a closed loopback port, so nothing leaves the machine.
/// </summary>
internal static class Chromium
{
    public static string? Path { get; } = Find();

    public static string SkipReason => "chromium is not installed (Debian package 'chromium'; .ci/run installs it)";

    public static ChromiumRun Screenshot(string page, TempDirectory dir, int width, int height)
    {
        var run = new ChromiumRun(dir.File("screenshot.png"), dir.File("netlog.json"));
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(SkipReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={dir.File("profile")}", $"--window-size={width},{height}",
            $"--screenshot={run.Screenshot}", $"--log-net-log={run.NetLog}",
            "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr", "--v=0", new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException("chromium did not finish its screenshot within 90 s");
        }

        run.ExitCode = process.ExitCode;
        run.Log = stdout.Result + stderr.Result;
        return run;
    }

    private static string? Find() => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .SelectMany(dir => new[] { "chromium", "chromium-browser" }.Select(name => System.IO.Path.Combine(dir, name)))
        .FirstOrDefault(File.Exists);
}
