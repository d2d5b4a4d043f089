namespace PortDoctor.Tests.Shared;

/// <summary>
/// One test's Wine prefix, in a fresh temp folder that is also Wine's TMPDIR (Debian's wineserver
/// keeps its socket and lock in $TMPDIR/wine-XXXXXX). Programs run in it through <see cref="Run"/>;
/// <see cref="Dispose"/> stops its wineserver (which outlives the program by a few seconds) and
/// deletes the folder, so nothing stays in /tmp even when the test fails.
/// WINEDLLOVERRIDES is left alone: "mscoree=" would break .NET start-up.
/// When scripts/test.sh made a prefix once for the run (<see cref="TemplateVariable"/>), each test
/// starts from a copy of it instead of its own `wineboot` (about 10 s of CPU and 15 s each).
/// </summary>
internal sealed class WinePrefix : IDisposable
{
    /// <summary>A booted, stopped prefix to copy (scripts/test.sh sets it); unset, Wine creates each prefix on first use.</summary>
    public const string TemplateVariable = "PORTDOCTOR_TEST_WINE_PREFIX";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);
    private readonly string _wine;
    private readonly string _folder;

    public WinePrefix(string wine)
    {
        _wine = wine;
        _folder = Directory.CreateTempSubdirectory("pdw-wineprefix-").FullName;
        Prefix = Path.Combine(_folder, "prefix");
        Directory.CreateDirectory(Path.Combine(_folder, "tmp"));
        var template = System.Environment.GetEnvironmentVariable(TemplateVariable);
        if (!string.IsNullOrEmpty(template) && Directory.Exists(template))
        {
            // cp -a: dosdevices/z: is a symbolic link to /, which a managed copy would follow.
            var (code, _, error) = ChildProgram.Run("cp", ["-a", template, Prefix], TimeSpan.FromMinutes(2));
            if (code != 0)
            {
                Directory.Delete(_folder, recursive: true);
                throw new InvalidOperationException($"copying the Wine prefix {template} failed: {error}");
            }
        }
    }

    public string Prefix { get; }

    /// <summary>
    /// Runs <paramref name="exe"/> and returns its exit code and output. The output goes to files, not
    /// pipes: a Wine system process the program starts on demand (rpcss, svchost, services) inherits
    /// its standard handles and outlives it, and a pipe would then never reach its end.
    /// </summary>
    /// <remarks>
    /// Wine once failed to start `sc` itself under load in CI ("Application could not be started ...
    /// ShellExecuteEx failed: Internal error", exit 1): nothing ran, so that answer alone is tried once more.
    /// </remarks>
    public (int Code, string Out, string Error) Run(string exe, params string[] args)
    {
        for (var attempt = 1; ; attempt++)
        {
            var output = Path.Combine(_folder, "tmp", $"run-{Guid.NewGuid():N}");
            var environment = Environment();
            environment["PD_WINE_OUT"] = output + ".out";
            environment["PD_WINE_ERR"] = output + ".err";
            var (code, _, _) = ChildProgram.Run("/bin/sh", ["-c", "exec \"$0\" \"$@\" >\"$PD_WINE_OUT\" 2>\"$PD_WINE_ERR\"", _wine, exe, .. args], RunTimeout, environment);
            var (stdout, stderr) = (File.ReadAllText(output + ".out"), File.ReadAllText(output + ".err"));
            if (code == 0 || attempt == 2 || !stderr.Contains("ShellExecuteEx failed", StringComparison.Ordinal))
            {
                return (code, stdout, stderr);
            }

            Thread.Sleep(1000);
        }
    }

    /// <summary>Waits until the prefix's wineserver has ended (its services stopped): the next program starts afresh.</summary>
    public void WaitForShutdown() =>
        ChildProgram.Run(Path.Combine(Path.GetDirectoryName(_wine)!, "wineserver"), ["-w"], TimeSpan.FromSeconds(60), Environment());

    /// <summary>
    /// A Wine program that waits on its stdin until disposed: Wine shuts a prefix's services down
    /// (services.exe and what it started) once no ordinary program runs in it, so a test of a
    /// service keeps this one running meanwhile.
    /// </summary>
    public System.Diagnostics.Process StartIdleProgram()
    {
        var start = new System.Diagnostics.ProcessStartInfo(_wine, ["cmd.exe"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in Environment())
        {
            start.Environment[name] = value;
        }

        var program = System.Diagnostics.Process.Start(start)!;
        program.OutputDataReceived += (_, _) => { };
        program.ErrorDataReceived += (_, _) => { };
        program.BeginOutputReadLine();
        program.BeginErrorReadLine();
        return program;
    }

    public void Dispose()
    {
        var server = Path.Combine(Path.GetDirectoryName(_wine)!, "wineserver");
        if (File.Exists(server) && Directory.Exists(Prefix))
        {
            // -k kills the prefix's wineserver and every Wine process still in it; -w waits for the end.
            ChildProgram.Run(server, ["-k"], TimeSpan.FromSeconds(30), Environment());
            ChildProgram.Run(server, ["-w"], TimeSpan.FromSeconds(30), Environment());
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["WINEPREFIX"] = Prefix,
        ["WINEDEBUG"] = "-all",
        ["TMPDIR"] = Path.Combine(_folder, "tmp"),

        // With W^X on (the .NET default), the smoke program died under Wine 8 in 4 of 5 runs:
        // "Internal CLR error (0x80131506) at DynamicResolver+DestroyScout.Finalize()"; 0 of 4 without.
        ["DOTNET_EnableWriteXorExecute"] = "0",
    };
}
