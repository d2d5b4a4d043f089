namespace PortDoctor.Cli.Tests;

/// <summary>
/// The portdoctor executable that tests start as a real process. scripts/test.sh publishes the
/// NativeAOT binary (what users run) from the same sources once per run, beside the build, and names
/// it in <see cref="Variable"/>: a start costs about 0.04 s of CPU there against 0.35 s for the
/// JIT-compiled apphost, and the suite starts it hundreds of times. Without the variable (plain
/// `dotnet test`) it is this build's apphost beside the tests, the same code run through the host.
/// </summary>
internal static class BuiltCli
{
    public const string Variable = "PORTDOCTOR_TEST_CLI";

    public static string Path { get; } = Find();

    private static string Find()
    {
        var published = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(published))
        {
            return System.IO.Path.Combine(AppContext.BaseDirectory, "portdoctor");
        }

        // A name that does not exist would make every real-process test fail on a start error.
        return File.Exists(published)
            ? published
            : throw new FileNotFoundException($"{Variable}={published}: no such file (unset it to run this build's apphost)");
    }
}
