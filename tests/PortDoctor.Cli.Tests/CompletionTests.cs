using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>`portdoctor completion`: the bash script sourced in a real bash, completing against the built binary.</summary>
public sealed class CompletionTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("pd-completion-").FullName;

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    [Theory]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    [InlineData("portdoctor dia", "diagnose")]
    [InlineData("portdoctor range s", "set\nshow")]
    [InlineData("portdoctor diagnose --all", "--all-netns")]
    public void Bash_completes_verbs_and_options_from_the_command_tree(string line, string expected)
    {
        if (!File.Exists("/bin/bash"))
        {
            Assert.Skip("needs bash on Linux");
        }

        // The scripts call `portdoctor` from PATH: a wrapper around the built assembly stands in for the installed binary.
        var wrapper = Path.Combine(_bin, "portdoctor");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet '{typeof(CliApp).Assembly.Location}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var script = $"""
            source <(portdoctor completion bash)
            COMP_LINE='{line}'; COMP_POINT=${"{#COMP_LINE}"}
            read -r -a COMP_WORDS <<< "$COMP_LINE"; COMP_CWORD=$(( ${"{#COMP_WORDS[@]}"} - 1 ))
            _portdoctor_complete
            printf '%s\n' "${"{COMPREPLY[@]}"}"
            """;

        var run = ChildProgram.Run("/bin/bash", ["-c", script], TimeSpan.FromSeconds(60), new Dictionary<string, string>
        {
            ["PATH"] = _bin + ":" + Environment.GetEnvironmentVariable("PATH"),
        });

        Assert.True(run.Code == 0, run.Error);
        Assert.Equal(expected, run.Out.Trim());
    }

    [Theory]
    [InlineData("zsh", "compdef _portdoctor portdoctor")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName portdoctor")]
    [InlineData("bash", "complete -o default -F _portdoctor_complete portdoctor")]
    public void Each_shell_gets_its_script_calling_the_suggest_directive(string shell, string registration)
    {
        var (code, output, error) = CliRunner.Run("completion", shell);

        Assert.True(code == 0, error);
        Assert.Contains(registration, output, StringComparison.Ordinal);
        Assert.Contains("portdoctor \"[suggest:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_shell_is_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("completion", "fish");

        Assert.Equal(64, code);
        Assert.StartsWith("portdoctor: ", error, StringComparison.Ordinal);
    }
}
