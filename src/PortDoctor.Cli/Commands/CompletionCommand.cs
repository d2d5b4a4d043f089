using System.CommandLine;

namespace PortDoctor.Cli.Commands;

/// <summary>`portdoctor completion bash|zsh|pwsh`: prints the shell script that wires up tab completion.</summary>
internal static class CompletionCommand
{
    public static Command Create(CliEnvironment env)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or pwsh (PowerShell)." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "pwsh");
        var command = new Command(
            "completion",
            "Print a shell completion script: source <(portdoctor completion bash); zsh likewise; PowerShell: portdoctor completion pwsh | Out-String | Invoke-Expression.")
        {
            shell,
        };
        command.SetAction(parse =>
        {
            env.Out.Write(parse.GetValue(shell) switch
            {
                "zsh" => CompletionScripts.Zsh,
                "pwsh" => CompletionScripts.PowerShell,
                _ => CompletionScripts.Bash,
            });
            return 0;
        });
        return command;
    }
}
