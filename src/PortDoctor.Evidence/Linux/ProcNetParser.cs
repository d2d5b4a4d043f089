using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace PortDoctor.Evidence.Linux;

/// <summary>
/// Parses /proc/net/{tcp,tcp6,udp,udp6} text: the live fallback when sock_diag is missing, and
/// offline copies of those files. Pure: text in, sockets out. The first line is the header.
/// </summary>
/// <remarks>
/// Addresses are printed as the 32-bit words of the network-order address in the writing host's
/// byte order (little-endian on x86 and arm64, the hosts we meet); ports are already host order.
/// </remarks>
public static class ProcNetParser
{
    /// <summary>
    /// Reads every socket line. A malformed line is passed to <paramref name="onMalformed"/> and
    /// skipped; without a callback it stops the parse with a one-line
    /// <see cref="PortDoctorException"/> "source:line: reason".
    /// </summary>
    public static IEnumerable<SocketEntry> Parse(
        TextReader reader,
        TransportProtocol protocol,
        IpFamily family,
        string source = "",
        Action<ProcNetLineError>? onMalformed = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1 && line.TrimStart().StartsWith("sl", StringComparison.Ordinal))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var entry = ParseLine(line, protocol, family, out var reason);
            if (entry is not null)
            {
                yield return entry;
                continue;
            }

            var error = new ProcNetLineError(source.Length > 0 ? source : "input", lineNumber, reason);
            if (onMalformed is null)
            {
                throw new PortDoctorException(error.ToString(), ExitCode.BadInput);
            }

            onMalformed(error);
        }
    }

    /// <summary>Parses one data line; null with a reason when it is not one.</summary>
    public static SocketEntry? ParseLine(string line, TransportProtocol protocol, IpFamily family, out string reason)
    {
        ArgumentNullException.ThrowIfNull(line);
        // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
        Span<Range> fields = stackalloc Range[12];
        var span = line.AsSpan();
        var count = span.SplitAny(fields, " \t", StringSplitOptions.RemoveEmptyEntries);
        if (count < 10)
        {
            reason = $"expected at least 10 fields, found {count}";
            return null;
        }

        if (!span[fields[0]].EndsWith(":"))
        {
            reason = $"expected a slot number like '0:', found '{span[fields[0]].ToString()}'";
            return null;
        }

        if (!TryParseEndpoint(span[fields[1]], family, out var local, out reason)
            || !TryParseEndpoint(span[fields[2]], family, out var remote, out reason))
        {
            return null;
        }

        if (!int.TryParse(span[fields[3]], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var state)
            || state is < 1 or > 12)
        {
            reason = $"bad state '{span[fields[3]].ToString()}'";
            return null;
        }

        if (!int.TryParse(span[fields[7]], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            || !long.TryParse(span[fields[9]], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
        {
            reason = "bad uid or inode";
            return null;
        }

        reason = "";
        return new SocketEntry(protocol, family, LinuxSocketStates.ToSocketState(state, protocol, local.Port), local, remote)
        {
            Inode = inode,
            Uid = uid,
        };
    }

    private static bool TryParseEndpoint(ReadOnlySpan<char> text, IpFamily family, out Endpoint endpoint, out string reason)
    {
        endpoint = default;
        var colon = text.IndexOf(':');
        var hexLength = family == IpFamily.IPv4 ? 8 : 32;
        if (colon != hexLength
            || !int.TryParse(text[(colon + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port)
            || port > 65535)
        {
            reason = $"bad {(family == IpFamily.IPv4 ? "IPv4" : "IPv6")} endpoint '{text.ToString()}'";
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        for (var word = 0; word < hexLength / 8; word++)
        {
            if (!uint.TryParse(text.Slice(word * 8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                reason = $"bad address '{text[..colon].ToString()}'";
                return false;
            }

            // The word was printed from memory in little-endian order: write it back the same way.
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.Slice(word * 4, 4), value);
        }

        var address = new IPAddress(bytes[..(hexLength / 2)]);
        endpoint = new Endpoint(address.ToString(), port);
        reason = "";
        return true;
    }
}
