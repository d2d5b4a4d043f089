using System.Text;

namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// The common netstat row ("TCP local remote STATE [pid]", "UDP local *:* [pid]") parsed straight
/// from ASCII bytes: every field is read, but endpoints and state names already seen are found by
/// their bytes instead of being decoded and parsed again. Anything else (other spacing of the
/// protocol, a two-word state, a damaged field, non-ASCII text) is declined and left to
/// <see cref="WindowsNetstatRow.TryParse"/>, and a token's first sighting is parsed by the same
/// <see cref="EndpointText"/> and <see cref="StateSpellings"/> as there, so both give the same socket.
/// </summary>
internal sealed class WindowsNetstatAsciiRow
{
    private const int MaxToken = 128;
    private readonly EndpointText _endpoints;
    private readonly StateSpellings _states;
    private readonly AsciiTokenTable<(Endpoint Endpoint, IpFamily? Family)> _endpointTokens = new();
    private readonly AsciiTokenTable<(SocketState State, string? Unknown)> _stateTokens = new();
    private readonly AsciiTokenTable<(string Canonical, IpFamily? Family)> _addresses = new();

    public WindowsNetstatAsciiRow(EndpointText endpoints, StateSpellings states)
    {
        _endpoints = endpoints;
        _states = states;
    }

    /// <summary>False: not a row this path takes (the general path decides what it is).</summary>
    public bool TryParse(ReadOnlySpan<byte> line, out SocketEntry? entry, out bool hadPid, out string? unknownState)
    {
        entry = null;
        hadPid = false;
        unknownState = null;
        var start = 0;
        while (start < line.Length && IsTrimmed(line[start]))
        {
            start++;
        }

        if (line.Length - start < 4 || line[start + 3] is not ((byte)' ' or (byte)'\t'))
        {
            return false;
        }

        TransportProtocol protocol;
        var head = line.Slice(start, 3);
        if (head.SequenceEqual("TCP"u8))
        {
            protocol = TransportProtocol.Tcp;
        }
        else if (head.SequenceEqual("UDP"u8))
        {
            protocol = TransportProtocol.Udp;
        }
        else
        {
            return false;
        }

        if (!Ascii.IsValid(line))
        {
            return false;
        }

        // Fields after the protocol, split on spaces and tabs as Fields.Split does; other blanks
        // (vertical tab, form feed) stay inside a token as there, and the parsers judge them.
        Span<Range> ranges = stackalloc Range[5];
        var n = 0;
        var i = start + 3;
        while (true)
        {
            // Vectorized searches: rows are long runs of padding between short tokens.
            var skip = line[i..].IndexOfAnyExcept((byte)' ', (byte)'\t');
            if (skip < 0)
            {
                break;
            }

            if (n == ranges.Length)
            {
                return false;
            }

            var tokenStart = i + skip;
            var length = line[tokenStart..].IndexOfAny((byte)' ', (byte)'\t');
            i = length < 0 ? line.Length : tokenStart + length;
            ranges[n++] = new Range(tokenStart, i);
        }

        // The last field may end in trailing blanks the general path trims (\r, \v, \f).
        if (n > 0)
        {
            var (lastStart, lastEnd) = (ranges[n - 1].Start.Value, ranges[n - 1].End.Value);
            while (lastEnd > lastStart && IsTrimmed(line[lastEnd - 1]))
            {
                lastEnd--;
            }

            if (lastEnd == lastStart)
            {
                return false;
            }

            ranges[n - 1] = new Range(lastStart, lastEnd);
        }

        if (n is < 3 or > 4 || !TryEndpoint(line[ranges[0]], out var local, out var localFamily) ||
            !TryEndpoint(line[ranges[1]], out var remote, out var remoteFamily))
        {
            return false;
        }

        int pid = 0;
        var stateField = -1;
        if (IsDigits(line[ranges[n - 1]]))
        {
            if (!TryPid(line[ranges[n - 1]], out pid))
            {
                return false;
            }

            hadPid = true;
            stateField = n == 4 ? 2 : -1;
        }
        else
        {
            stateField = n == 3 ? 2 : -1;
            if (n == 4)
            {
                return false;
            }
        }

        SocketState state;
        if (stateField < 0)
        {
            if (protocol == TransportProtocol.Tcp)
            {
                return false;
            }

            state = remote.IsUnspecified || remote.Address == "*" ? SocketState.Unconnected : SocketState.Established;
        }
        else if (!TryState(line[ranges[stateField]], out state, out unknownState))
        {
            return false;
        }

        entry = new SocketEntry(protocol, localFamily ?? remoteFamily ?? IpFamily.IPv4, state, local, remote) { Pid = pid == 0 ? null : pid };
        return true;
    }

    private bool TryEndpoint(ReadOnlySpan<byte> token, out Endpoint endpoint, out IpFamily? family)
    {
        // "address:digits": the port is read here and only the address is looked up, in a table of
        // a few hundred entries that stays in cache (whole tokens number in the tens of thousands).
        var colon = token.LastIndexOf((byte)':');
        if (colon >= 0 && token.Length - colon - 1 is >= 1 and <= 5 && token[0] is not ((byte)'[' or (byte)' ' or (>= 0x09 and <= 0x0D)) &&
            TryPort(token[(colon + 1)..], out var port) && TryAddress(token[..colon], out var address, out family))
        {
            endpoint = new Endpoint(address, port);
            return true;
        }

        return TryWholeToken(token, out endpoint, out family);
    }

    private bool TryAddress(ReadOnlySpan<byte> address, out string canonical, out IpFamily? family)
    {
        if (_addresses.TryGet(address, out var known))
        {
            (canonical, family) = known;
            return canonical.Length > 0;
        }

        (canonical, family) = ("", null);
        if (address.Length > MaxToken)
        {
            return false;
        }

        // Parsed as "address:0" by the general path's parser, so the address means the same there and here.
        Span<char> text = stackalloc char[address.Length + 2];
        Ascii.ToUtf16(address, text, out _);
        text[^2] = ':';
        text[^1] = '0';
        if (_endpoints.TryParse(text, out var endpoint, out family))
        {
            canonical = endpoint.Address;
        }

        _addresses.Add(address, (canonical, family));
        return canonical.Length > 0;
    }

    private static bool TryPort(ReadOnlySpan<byte> digits, out int port)
    {
        port = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            port = (port * 10) + (b - '0');
        }

        return port <= 65535;
    }

    private bool TryWholeToken(ReadOnlySpan<byte> token, out Endpoint endpoint, out IpFamily? family)
    {
        if (_endpointTokens.TryGet(token, out var known))
        {
            (endpoint, family) = known;
            return true;
        }

        (endpoint, family) = (default, null);
        if (token.Length > MaxToken)
        {
            return false;
        }

        Span<char> text = stackalloc char[token.Length];
        Ascii.ToUtf16(token, text, out _);
        if (!_endpoints.TryParse(text, out endpoint, out family))
        {
            return false;
        }

        _endpointTokens.Add(token, (endpoint, family));
        return true;
    }

    private bool TryState(ReadOnlySpan<byte> token, out SocketState state, out string? unknown)
    {
        if (_stateTokens.TryGet(token, out var known))
        {
            (state, unknown) = known;
            return true;
        }

        (state, unknown) = (SocketState.Unknown, null);
        if (token.Length > MaxToken)
        {
            return false;
        }

        Span<char> text = stackalloc char[token.Length];
        Ascii.ToUtf16(token, text, out _);
        if (!_states.TryParse(text, out state))
        {
            if (!WindowsNetstatRow.LooksLikeStateName(text))
            {
                return false;
            }

            (state, unknown) = (SocketState.Unknown, text.ToString());
        }

        _stateTokens.Add(token, (state, unknown));
        return true;
    }

    private static bool TryPid(ReadOnlySpan<byte> digits, out int pid)
    {
        pid = 0;
        if (digits.Length > 9)
        {
            // Could overflow: the general path decides.
            return false;
        }

        foreach (var b in digits)
        {
            pid = (pid * 10) + (b - '0');
        }

        return true;
    }

    private static bool IsDigits(ReadOnlySpan<byte> token)
    {
        foreach (var b in token)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return !token.IsEmpty;
    }

    /// <summary>ASCII characters char.IsWhiteSpace (and so Trim) drops: tab to carriage return, space.</summary>
    private static bool IsTrimmed(byte b) => b is (>= 0x09 and <= 0x0D) or 0x20;
}
