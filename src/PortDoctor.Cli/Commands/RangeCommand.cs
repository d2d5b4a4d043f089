using System.CommandLine;

namespace PortDoctor.Cli.Commands;

/// <summary>`portdoctor range`: the guide's netsh int ipv4|ipv6 show|set dynamicport. One file per subcommand.</summary>
internal static class RangeCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("range", "Show (or change) the dynamic (ephemeral) port ranges.");
        command.Subcommands.Add(RangeShowCommand.Create(env));
        return command;
    }
}
