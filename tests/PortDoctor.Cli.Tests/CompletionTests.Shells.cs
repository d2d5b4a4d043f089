using System.Runtime.Versioning;
using PortDoctor.Tests.Shared;

namespace PortDoctor.Cli.Tests;

/// <summary>Running a real shell with the built binary on PATH as `portdoctor`, as the scripts expect.</summary>
public sealed partial class CompletionTests
{
    private static string? Installed(params string[] candidates) => candidates.FirstOrDefault(File.Exists);

    /// <summary>
    /// An interactive zsh in a pseudo-terminal (zpty): compinit, the script, then LINE and a Tab as
    /// typed. A compadd wrapper (the real compadd still runs) records the candidates that match the
    /// word; a widget bound to ^T records the line after the Tab. Prints the candidates, then BUFFER=LINE.
    /// </summary>
    private string ZshSession(string line)
    {
        var log = Path.Combine(_bin, "zsh-completion.log");
        return $$"""
            zmodload zsh/zpty
            log='{{log}}'; : > $log
            zpty z zsh -f -i
            zpty -w z "autoload -U compinit; compinit -u; source <(portdoctor completion zsh)"
            zpty -w z "compadd() { local -a found; builtin compadd -O found \"\$@\"; print -rl -- \$found >> $log; builtin compadd \"\$@\"; }"
            zpty -w z "show() { print -r -- \"BUFFER=\$BUFFER\" >> $log; }; zle -N show; bindkey '^T' show"
            zpty -w -n z '{{line}}'$'\t'
            zpty -w -n z $'\x14'
            for i in {1..300}; do grep -q '^BUFFER=' $log && break; sleep 0.1; done
            zpty -d z
            cat $log
            """;
    }

    [SupportedOSPlatform("linux")]
    private (int Code, string Out, string Error) RunShell(string shell, string[] args)
    {
        // The scripts call `portdoctor` from PATH: a wrapper around the built assembly stands in for the installed binary.
        var wrapper = Path.Combine(_bin, "portdoctor");
        if (!File.Exists(wrapper))
        {
            File.WriteAllText(wrapper, $"#!/bin/sh\nexec '{BuiltCli.Path}' \"$@\"\n");
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return ChildProgram.Run(shell, args, TimeSpan.FromSeconds(90), new Dictionary<string, string>
        {
            ["PATH"] = _bin + ":" + Environment.GetEnvironmentVariable("PATH"),
        });
    }
}
