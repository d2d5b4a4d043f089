namespace PortDoctor.Evidence.Windows;

/// <summary>One row of Windows netstat: "TCP local remote STATE [pid]" or "UDP local *:* [pid]".</summary>
internal static class WindowsNetstatRow
{
    /// <summary>Cheap test for detection: protocol first, then something with a colon.</summary>
    public static bool LooksLikeRow(string line)
    {
        var span = line.AsSpan().TrimStart();
        if (!(span.StartsWith("TCP", StringComparison.OrdinalIgnoreCase) || span.StartsWith("UDP", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        Span<Range> ranges = stackalloc Range[4];
        var n = Fields.Split(span, ranges);
        return n >= 3 && span[ranges[1]].Contains(':') && span[ranges[2]].Contains(':') && span[ranges[0]].Length <= 5;
    }

    public static bool StartsWithProtocol(ReadOnlySpan<char> trimmed, out TransportProtocol protocol)
    {
        protocol = TransportProtocol.Tcp;
        if (trimmed.Length < 3)
        {
            return false;
        }

        var head = trimmed[..3];
        if (head.Equals("TCP", StringComparison.OrdinalIgnoreCase))
        {
            return trimmed.Length == 3 || trimmed[3] is ' ' or '\t' or 'v' or 'V' or '6';
        }

        if (head.Equals("UDP", StringComparison.OrdinalIgnoreCase))
        {
            protocol = TransportProtocol.Udp;
            return trimmed.Length == 3 || trimmed[3] is ' ' or '\t' or 'v' or 'V' or '6';
        }

        return false;
    }

    /// <summary>Parses a row; false when it is damaged. Unknown state names give state Unknown, not failure.</summary>
    public static bool TryParse(
        ReadOnlySpan<char> line, TransportProtocol protocol, EndpointText endpoints, StateSpellings states, out SocketEntry? entry, out bool hadPid, out string? unknownState)
    {
        entry = null;
        hadPid = false;
        unknownState = null;
        Span<Range> ranges = stackalloc Range[10];
        var n = Fields.Split(line, ranges);
        if (protocol == TransportProtocol.Udp && n is 2 or 3 && (n == 2 || Fields.IsInteger(line[ranges[2]])))
        {
            return TryUdpWithoutRemote(line, ranges[..n], endpoints, out entry, out hadPid);
        }

        if (n > 4 && HasOffloadColumn(line, ranges[..n]))
        {
            // netstat -t ("Offload State"): "... ESTABLISHED 3416\tInHost" or, without -o, "... ESTABLISHED InHost".
            n--;
        }

        if (n < 3 || n == ranges.Length ||
            !endpoints.TryParse(line[ranges[1]], out var local, out var localFamily) ||
            !endpoints.TryParse(line[ranges[2]], out var remote, out var remoteFamily))
        {
            return false;
        }

        var last = n;
        int? pid = null;
        if (n > 3 && Fields.IsInteger(line[ranges[n - 1]]))
        {
            if (!int.TryParse(line[ranges[n - 1]], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p))
            {
                return false;
            }

            hadPid = true;
            pid = p == 0 ? null : p;
            last = n - 1;
        }

        SocketState state;
        if (last == 3)
        {
            if (protocol == TransportProtocol.Tcp)
            {
                return false;
            }

            state = remote.IsUnspecified || remote.Address == "*" ? SocketState.Unconnected : SocketState.Established;
        }
        else
        {
            var stateText = line[ranges[3].Start.Value..ranges[last - 1].End.Value];
            if (!states.TryParse(stateText, out state))
            {
                if (!LooksLikeStateName(stateText))
                {
                    return false;
                }

                unknownState = stateText.ToString();
                state = SocketState.Unknown;
            }
        }

        var family = localFamily ?? remoteFamily ?? (line[ranges[0]].EndsWith("6") || line[ranges[0]].EndsWith("v6", StringComparison.OrdinalIgnoreCase) ? IpFamily.IPv6 : IpFamily.IPv4);
        entry = new SocketEntry(protocol, family, state, local, remote) { Pid = pid };
        return true;
    }

    /// <summary>
    /// True when the last field is netstat -t's offload state: one of its words, or any word after a
    /// PID (the column is the last one, so a translated word is recognised by its place).
    /// </summary>
    private static bool HasOffloadColumn(ReadOnlySpan<char> line, ReadOnlySpan<Range> ranges)
    {
        var last = line[ranges[^1]];
        return last.Equals("InHost", StringComparison.OrdinalIgnoreCase) || last.Equals("Offloaded", StringComparison.OrdinalIgnoreCase) ||
            last.Equals("Offloading", StringComparison.OrdinalIgnoreCase) || last.Equals("Uploading", StringComparison.OrdinalIgnoreCase) ||
            ranges.Length > 5 && !Fields.IsInteger(last) && Fields.IsInteger(line[ranges[^2]]);
    }

    /// <summary>"UDP 0.0.0.0:500 1234" or "UDP 0.0.0.0:500": some captures drop the "*:*" column.</summary>
    private static bool TryUdpWithoutRemote(ReadOnlySpan<char> line, ReadOnlySpan<Range> ranges, EndpointText endpoints, out SocketEntry? entry, out bool hadPid)
    {
        entry = null;
        hadPid = ranges.Length == 3;
        if (!endpoints.TryParse(line[ranges[1]], out var local, out var family))
        {
            return false;
        }

        int? pid = null;
        if (hadPid)
        {
            if (!int.TryParse(line[ranges[2]], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p))
            {
                return false;
            }

            pid = p == 0 ? null : p;
        }

        entry = new SocketEntry(TransportProtocol.Udp, family ?? IpFamily.IPv4, SocketState.Unconnected, local, new Endpoint("*", 0)) { Pid = pid };
        return true;
    }

    internal static bool LooksLikeStateName(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(char.IsLetter(c) || c is '_' or '-' or ' ' or '\'' || char.IsAsciiDigit(c) || c > '\u007F'))
            {
                return false;
            }
        }

        return text.Length <= 32;
    }
}
