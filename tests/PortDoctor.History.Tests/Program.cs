namespace PortDoctor.History.Tests;

/// <summary>
/// The test host's entry point (xunit's generated one, plus one verb): `--append-forever DB` makes
/// this binary the writer child that <see cref="CrashSafetyTests"/> kills at random moments.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--append-forever", var path])
        {
            return CrashSafetyTests.AppendForever(path);
        }

        return args.Any(arg => arg is "--server" or "--internal-msbuild-node")
            ? Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions).GetAwaiter().GetResult()
            : Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }
}
