using System.Globalization;

namespace PortDoctor.Evidence.Linux;

/// <summary>Owner columns of Linux tools: ss's users:(("name",pid=N,fd=M)) and netstat's "N/name".</summary>
internal static class LinuxOwners
{
    /// <summary>
    /// The owner in ss's users:((...)), or null. A socket shared after fork lists every holder,
    /// newest PID first (`users:(("nginx",pid=1202,fd=6),("nginx",pid=1201,fd=6),("nginx",pid=1200,fd=6))`,
    /// produced here with ss 6.1): the lowest PID is kept, the parent that opened it, which is also
    /// the holder lsof lists first.
    /// </summary>
    public static (int Pid, string Name)? SsUsers(ReadOnlySpan<char> text)
    {
        var users = text.IndexOf("((\"", StringComparison.Ordinal);
        if (users < 0)
        {
            return null;
        }

        (int Pid, string Name)? owner = null;
        var rest = text[(users + 1)..];
        while (rest.StartsWith("(\"") && TryParseSsUser(rest[2..], out var pid, out var name, out var used))
        {
            if (owner is null || pid < owner.Value.Pid)
            {
                owner = (pid, name.ToString());
            }

            rest = rest[(2 + used)..];
            if (!rest.StartsWith(","))
            {
                break;
            }

            rest = rest[1..];
        }

        return owner;
    }

    /// <summary>
    /// One holder after its opening ("(\""): ss since iproute2 3.x prints ("sshd",pid=1256,fd=3);
    /// older ss (CentOS 6, Ubuntu 14.04) prints ("sshd",1256,3) — seen in pasted `ss -tapn` output
    /// on Ubuntu trusty and CentOS 6 `ss -lntup`. <paramref name="used"/> ends after its ')'.
    /// </summary>
    private static bool TryParseSsUser(ReadOnlySpan<char> text, out int pid, out ReadOnlySpan<char> name, out int used)
    {
        pid = 0;
        used = 0;
        var nameEnd = text.IndexOf('"');
        name = nameEnd < 0 ? [] : text[..nameEnd];
        if (nameEnd < 0)
        {
            return false;
        }

        var tuple = text[(nameEnd + 1)..];
        var close = tuple.IndexOf(')');
        used = nameEnd + 1 + (close < 0 ? tuple.Length : close + 1);
        if (close >= 0)
        {
            tuple = tuple[..close];
        }

        var pidAt = tuple.IndexOf("pid=", StringComparison.Ordinal);
        var digits = pidAt >= 0 ? tuple[(pidAt + 4)..] : tuple.StartsWith(",") ? tuple[1..] : [];
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        return int.TryParse(end < 0 ? digits : digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out pid);
    }

    /// <summary>netstat's "N/name", or null for "-".</summary>
    public static (int Pid, string Name)? Slash(ReadOnlySpan<char> text) =>
        TryParseSlash(text, out var pid, out var name) ? (pid, name) : null;

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

        name = WithoutTimer(text[(slash + 1)..].Trim()).ToString();
        return true;
    }

    /// <summary>
    /// The owner in what follows the State column of net-tools netstat: "1234/name" with -p, after
    /// "User Inode" with -e ("0 3525556 1234/name"), before a "-o" timer ("off (0.00/0/0)").
    /// </summary>
    public static (int Pid, string Name)? NetstatOwner(ReadOnlySpan<char> rest)
    {
        Span<Range> r = stackalloc Range[4];
        var n = Fields.Split(rest, r);
        for (var i = 0; i < n; i++)
        {
            var field = rest[r[i]];
            var slash = field.IndexOf('/');
            if (slash > 0 && Fields.IsInteger(field[..slash]))
            {
                return Slash(rest[r[i].Start.Value..]);
            }
        }

        return null;
    }

    /// <summary>Whether the text after the State column holds a "-" owner placeholder (netstat -p, socket of no visible process).</summary>
    public static bool HasOwnerPlaceholder(ReadOnlySpan<char> rest)
    {
        Span<Range> r = stackalloc Range[4];
        var n = Fields.Split(rest, r);
        for (var i = 0; i < n && i < 3; i++)
        {
            if (rest[r[i]] is "-")
            {
                return true;
            }
        }

        return false;
    }

    // netstat -o appends "off (0.00/0/0)", "keepalive (7177.21/0/0)", "timewait (50.12/0/0)", "on (0.20/0/0)".
    private static ReadOnlySpan<char> WithoutTimer(ReadOnlySpan<char> name)
    {
        if (!name.EndsWith(")"))
        {
            return name;
        }

        var open = name.LastIndexOf('(');
        if (open <= 0 || name[(open + 1)..^1].Count('/') != 2)
        {
            return name;
        }

        var head = name[..open].TrimEnd();
        var space = head.LastIndexOfAny(' ', '\t');
        return space < 0 ? name : head[..space].TrimEnd();
    }
}
