namespace PortDoctor.Cli.Commands;

/// <summary>
/// The shell side of completion: each script hands the line and the cursor to
/// `portdoctor [suggest:POSITION] "LINE"` (System.CommandLine's suggest directive), which prints one
/// candidate per line from the same command tree the parser uses, so the scripts never list verbs themselves.
/// </summary>
internal static class CompletionScripts
{
    public const string Bash = """
        # portdoctor completion for bash: source <(portdoctor completion bash)
        _portdoctor_complete() {
            local line="${COMP_LINE:-${COMP_WORDS[*]}}"
            local point="${COMP_POINT:-${#line}}"
            local IFS=$'\n'
            local candidates
            candidates=$(portdoctor "[suggest:${point}]" "${line}" 2>/dev/null) || return 0
            COMPREPLY=($(compgen -W "${candidates}" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _portdoctor_complete portdoctor

        """;

    public const string Zsh = """
        #compdef portdoctor
        # portdoctor completion for zsh: source <(portdoctor completion zsh)   (after compinit)
        _portdoctor() {
            local line="${(j: :)words}"
            local point=${#${(j: :)words[1,CURRENT]}}
            local -a candidates
            candidates=("${(@f)$(portdoctor "[suggest:${point}]" "${line}" 2>/dev/null)}")
            compadd -a candidates
        }
        compdef _portdoctor portdoctor

        """;

    public const string PowerShell = """
        # portdoctor completion for PowerShell: portdoctor completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName portdoctor, portdoctor.exe -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            $point = $cursorPosition - $commandAst.Extent.StartOffset
            portdoctor "[suggest:$point]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
