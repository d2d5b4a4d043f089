namespace PortDoctor.Tests.Shared;

/// <summary>
/// Debian's Wine 8 (64-bit) for tests that run PortDoctor's Windows code for real: publishes a
/// project for win-x64 into a work directory and runs the .exe. Linked into several test projects.
/// </summary>
internal static class Wine
{
    private static readonly string[] Candidates = ["/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/bin/wine"];

    /// <summary>The wine64 loader, or null (then the test skips: .ci/run installs it).</summary>
    public static string? Find() => OperatingSystem.IsLinux() ? Candidates.FirstOrDefault(File.Exists) : null;

    public const string SkipReason = "Wine is not installed (.ci/run installs Debian's wine64); the Windows smoke tests need it";

    /// <summary>`dotnet publish` for win-x64 with its own artifacts path (the suite's build may be in use).</summary>
    public static string Publish(string projectFromRoot, string work, params string[] properties)
    {
        var publish = Path.Combine(work, "publish");
        var (code, output, error) = ChildProgram.Run(
            "dotnet",
            ["publish", Path.Combine(RepositoryRoot(), projectFromRoot), "-c", "Release", "-r", "win-x64", "--self-contained",
             "--artifacts-path", Path.Combine(work, "artifacts"), "-o", publish, "-nologo", "-v", "quiet", .. properties],
            TimeSpan.FromMinutes(5));
        if (code != 0)
        {
            throw new InvalidOperationException($"publish of {projectFromRoot} failed: {output} {error}");
        }

        return publish;
    }

    /// <summary>
    /// Runs a Windows program. The prefix is kept between runs in the temp directory (creating one
    /// costs ~10 s), one per test project, since test projects run in parallel and two first runs
    /// on one new prefix race. WINEDLLOVERRIDES is left alone: "mscoree=" would break .NET start-up.
    /// </summary>
    public static (int Code, string Out, string Error) Run(string wine, string exe, params string[] args) =>
        ChildProgram.Run(
            wine,
            [exe, .. args],
            TimeSpan.FromMinutes(4),
            new Dictionary<string, string>
            {
                ["WINEPREFIX"] = Path.Combine(Path.GetTempPath(), "pdw-wineprefix-" + System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name),
                ["WINEDEBUG"] = "-all",
            });

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PortDoctor.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PortDoctor.slnx not found above " + AppContext.BaseDirectory);
    }
}
