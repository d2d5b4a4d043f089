namespace PortDoctor.Cli.Tests;

/// <summary>
/// The portdoctor executable that tests start as a real process: this build's apphost beside the
/// tests, or the binary <see cref="Variable"/> names (e.g. the NativeAOT publish users run: a start
/// costs about 0.04 s of CPU there against 0.35 s for the JIT-compiled apphost). scripts/test.sh
/// does not publish one: the publish costs more CPU than the starts it would save.
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
