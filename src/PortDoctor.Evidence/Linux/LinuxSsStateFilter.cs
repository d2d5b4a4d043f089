namespace PortDoctor.Evidence.Linux;

/// <summary>
/// `ss state time-wait` and `ss state established` print no State column (and old `ss -l` printed
/// none either): "Recv-Q Send-Q Local Address:Port Peer Address:Port", seen in pasted CentOS 7
/// `ss -pl` output and in tests of github.com projects parsing `ss -tn state established`. The state
/// then comes from the command line when the paste kept it ("[root@host ~]# ss -tan state
/// time-wait"), else from the file name ("ss-time-wait.txt").
/// </summary>
internal static class LinuxSsStateFilter
{
    private static readonly (string Text, SocketState State)[] FileNameHints =
    [
        ("time-wait", SocketState.TimeWait), ("time_wait", SocketState.TimeWait), ("timewait", SocketState.TimeWait),
        ("close-wait", SocketState.CloseWait), ("close_wait", SocketState.CloseWait), ("closewait", SocketState.CloseWait),
        ("syn-sent", SocketState.SynSent), ("syn_sent", SocketState.SynSent),
        ("established", SocketState.Established), ("estab", SocketState.Established),
    ];

    /// <summary>The single state a file name names, if any.</summary>
    public static SocketState? FromFileName(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var (text, state) in FileNameHints)
        {
            if (name.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return state;
            }
        }

        return null;
    }

    /// <summary>
    /// True when the line is an echoed ss command ("$ ss -tan state time-wait", "[root@h ~]# sudo
    /// ss -o state established '( dport = :ssh )'"); <paramref name="state"/> is the one state its
    /// filter names, or null (no filter, several states, or a group such as "connected").
    /// </summary>
    public static bool TryCommandLine(ReadOnlySpan<char> trimmed, out SocketState? state)
    {
        state = null;
        Span<Range> r = stackalloc Range[16];
        if (!PastedPrompt.IsCommand(trimmed, "ss", r, out var n, out var ss))
        {
            return false;
        }

        var named = 0;
        for (var i = ss; i + 1 < n; i++)
        {
            if (trimmed[r[i]] is "state" or "exclude")
            {
                named += trimmed[r[i]] is "exclude" ? 2 : 1;
                if (SocketStateNames.TryParse(trimmed[r[i + 1]].Trim("'\""), out var parsed))
                {
                    state = parsed;
                }
            }
        }

        if (named != 1)
        {
            state = null;
        }

        return true;
    }
}
