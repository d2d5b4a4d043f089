using System.CommandLine;
using System.Reflection;

namespace PortDoctor.Cli.Commands;

internal static class VersionCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("version", "Print the version of portdoctor.");
        command.SetAction(_ =>
        {
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            env.Out.WriteLine($"portdoctor {version}");
            return 0;
        });
        return command;
    }
}
