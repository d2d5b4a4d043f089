namespace PortDoctor.Core.Parsing.Text;

/// <summary>
/// The echoed command line of a pasted console session, which forum posts and issue threads keep
/// before and after the output: "PS C:\&gt; Get-NetTCPConnection | ft", "C:\Users\me&gt;netstat -ano", and the
/// bare "PS&gt; Get-NetTCPSetting" of documentation.
/// </summary>
public static class PromptLine
{
    public static bool Is(ReadOnlySpan<char> line)
    {
        var trimmed = line.Trim();
        return trimmed.StartsWith("PS ") && trimmed.Contains('>') || trimmed.StartsWith("PS>") ||
            trimmed.Length > 3 && char.IsAsciiLetter(trimmed[0]) && trimmed[1] == ':' && trimmed[2] == '\\' && trimmed.Contains('>');
    }
}
