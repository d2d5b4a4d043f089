using System.CommandLine;

namespace PortDoctor.Cli.Commands;

internal static class VersionCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("version", "Print the version of portdoctor.");
        command.SetAction(_ =>
        {
            env.Out.WriteLine($"portdoctor {ToolVersion.Current}");
            return 0;
        });
        return command;
    }
}
