namespace PortDoctor.Reporting.Tests.Browser;

/// <summary>What a headless chromium run left: its screenshot, its net log, its exit code and console output.</summary>
internal sealed class ChromiumRun(string screenshot, string netLog)
{
    public string Screenshot { get; } = screenshot;

    public string NetLog { get; } = netLog;

    public int ExitCode { get; set; }

    public string Log { get; set; } = "";

    /// <summary>The console lines about a Content-Security-Policy violation.</summary>
    public IReadOnlyList<string> PolicyViolations => Log.Split('\n')
        .Where(l => l.Contains("Content Security Policy", StringComparison.Ordinal)).ToList();
}
