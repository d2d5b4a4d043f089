namespace PortDoctor.Evidence.Text;

/// <summary>
/// The echoed command line of a pasted console session, which forum posts and issue threads keep
/// before and after the output: "PS C:\&gt; Get-NetTCPConnection | ft", "C:\Users\me&gt;netstat -ano", the
/// bare "PS&gt; Get-NetTCPSetting" of documentation, and a PowerShell prompt behind a session's tag
/// ("[web01]: PS C:\&gt;" of Enter-PSSession, "*Evil-WinRM* PS C:\Users\svc&gt;").
/// </summary>
internal static class PromptLine
{
    /// <summary>How far into the line a session tag may push the "PS X:\" prompt.</summary>
    private const int MaxTagLength = 64;

    public static bool Is(ReadOnlySpan<char> line)
    {
        var trimmed = line.Trim();
        if (trimmed.StartsWith("PS ") && trimmed.Contains('>') || trimmed.StartsWith("PS>") || IsDrivePrompt(trimmed))
        {
            return true;
        }

        var ps = trimmed.IndexOf(" PS ");
        return ps > 0 && ps < MaxTagLength && IsDrivePrompt(trimmed[(ps + 4)..]);
    }

    /// <summary>"C:\Users\me&gt;..." : a drive letter, ":\" and the prompt's "&gt;".</summary>
    private static bool IsDrivePrompt(ReadOnlySpan<char> text) =>
        text.Length > 3 && char.IsAsciiLetter(text[0]) && text[1] == ':' && text[2] == '\\' && text.Contains('>');
}
