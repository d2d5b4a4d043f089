using System.Runtime.Versioning;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>`portdoctor completion`: each script loaded in its real shell (bash, zsh, pwsh), completing against the built binary.</summary>
[Collection(SlowFirst.Prefix + "completion in real shells")]
public sealed partial class CompletionTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("pd-completion-").FullName;

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    [Theory]
    [SupportedOSPlatform("linux")]
    [InlineData("portdoctor dia", "diagnose")]
    [InlineData("portdoctor range s", "set\nshow")]
    [InlineData("portdoctor diagnose --all", "--all-netns")]
    public void Bash_completes_verbs_and_options_from_the_command_tree(string line, string expected)
    {
        if (!File.Exists("/bin/bash"))
        {
            Assert.Skip("needs bash on Linux");
        }

        var script = $"""
            source <(portdoctor completion bash)
            COMP_LINE='{line}'; COMP_POINT=${"{#COMP_LINE}"}
            read -r -a COMP_WORDS <<< "$COMP_LINE"; COMP_CWORD=$(( ${"{#COMP_WORDS[@]}"} - 1 ))
            _portdoctor_complete
            printf '%s\n' "${"{COMPREPLY[@]}"}"
            """;

        var run = RunShell("/bin/bash", ["-c", script]);

        Assert.True(run.Code == 0, run.Error);
        Assert.Equal(expected, run.Out.Trim());
    }

    [Theory]
    [InlineData("portdoctor dia", "diagnose", "portdoctor diagnose ")]
    [InlineData("portdoctor range s", "set\nshow", "portdoctor range s")]
    [InlineData("portdoctor diagnose --all", "--all-netns", "portdoctor diagnose --all-netns ")]
    [SupportedOSPlatform("linux")]
    public void Zsh_completes_verbs_and_options_through_its_completion_system(string line, string expected, string buffer)
    {
        var zsh = Installed("/usr/bin/zsh", "/bin/zsh");
        if (zsh is null)
        {
            Assert.Skip("zsh is not installed (.ci/run installs Debian's zsh)");
            return;
        }

        var run = RunShell(zsh, ["-f", "-c", ZshSession(line)]);

        Assert.True(run.Code == 0, run.Error + run.Out);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.Equal("BUFFER=" + buffer, lines[^1]);
        Assert.Equal(expected, string.Join('\n', lines[..^1]));
    }

    [Theory]
    [InlineData("portdoctor di", "diagnose")]
    [InlineData("portdoctor range s", "set\nshow")]
    [SupportedOSPlatform("linux")]
    public void PowerShell_tab_expansion_proposes_verbs_from_the_command_tree(string line, string expected)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "pwsh"));
        var pwsh = Installed([.. onPath, Path.Combine(home, ".dotnet", "tools", "pwsh")]);
        if (pwsh is null)
        {
            Assert.Skip("PowerShell (pwsh) is not installed (.ci/run installs it as a dotnet global tool)");
            return;
        }

        var script = $"""
            portdoctor completion pwsh | Out-String | Invoke-Expression
            (TabExpansion2 -inputScript '{line}' -cursorColumn {line.Length}).CompletionMatches | ForEach-Object CompletionText
            """;
        var run = RunShell(pwsh, ["-NoProfile", "-NonInteractive", "-Command", script]);

        Assert.True(run.Code == 0, run.Error);
        Assert.Equal(expected, run.Out.Trim().ReplaceLineEndings("\n"));
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
