using System.Globalization;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>Owner columns of Linux tools: ss's users:(("name",pid=N,fd=M)) and netstat's "N/name".</summary>
internal static class LinuxOwners
{
    /// <summary>The first owner in ss's users:((...)), or null.</summary>
    public static (int Pid, string Name)? SsUsers(ReadOnlySpan<char> text) =>
        TryParseSsUsers(text, out var pid, out var name) ? (pid, name) : null;

    /// <summary>netstat's "N/name", or null for "-".</summary>
    public static (int Pid, string Name)? Slash(ReadOnlySpan<char> text) =>
        TryParseSlash(text, out var pid, out var name) ? (pid, name) : null;

    public static bool TryParseSsUsers(ReadOnlySpan<char> text, out int pid, out string name)
    {
        pid = 0;
        name = "";
        var users = text.IndexOf("((\"", StringComparison.Ordinal);
        if (users < 0)
        {
            return false;
        }

        var nameStart = users + 3;
        var nameEnd = text[nameStart..].IndexOf('"');
        if (nameEnd < 0)
        {
            return false;
        }

        name = text.Slice(nameStart, nameEnd).ToString();
        var pidAt = text.IndexOf("pid=", StringComparison.Ordinal);
        if (pidAt < 0)
        {
            return false;
        }

        var digits = text[(pidAt + 4)..];
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        return int.TryParse(end < 0 ? digits : digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out pid);
    }

    /// <summary>"1234/sshd" or "1234/java -jar"; "-" means unknown.</summary>
    public static bool TryParseSlash(ReadOnlySpan<char> text, out int pid, out string name)
    {
        pid = 0;
        name = "";
        var slash = text.IndexOf('/');
        if (slash <= 0 || !int.TryParse(text[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out pid))
        {
            return false;
        }

        name = text[(slash + 1)..].Trim().ToString();
        return true;
    }
}
