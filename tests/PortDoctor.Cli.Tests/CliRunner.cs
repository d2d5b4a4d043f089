namespace PortDoctor.Cli.Tests;

/// <summary>Runs the CLI in process over string writers, as a user would call it.</summary>
internal static class CliRunner
{
    /// <summary>The default history file of in-process runs: one that does not exist (a fixed path: golden files show it).</summary>
    public const string NoHistory = "/nonexistent/portdoctor-cli-tests/history.db";

    public static (int Code, string Out, string Error) Run(params string[] args) => Run(null, args);

    public static (int Code, string Out, string Error) Run(Func<CliEnvironment, CliEnvironment>? configure, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // Never the machine's own history: a monitor running here would change every live diagnosis.
        var env = new CliEnvironment(output, error, OutIsTerminal: false, ErrorIsTerminal: false) { DefaultHistory = NoHistory };
        if (configure is not null)
        {
            env = configure(env);
        }

        var code = CliApp.Run(args, env);
        return (code, output.ToString(), error.ToString());
    }
}
