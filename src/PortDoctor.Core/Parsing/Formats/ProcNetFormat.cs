using PortDoctor.Core.Linux;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>
/// Copies of /proc/net/tcp, tcp6, udp, udp6 (e.g. <c>cat /proc/net/tcp &gt; file</c>), read with the
/// live collector's parser. The text does not say TCP or UDP: the file name does ("udp" in it
/// means UDP); the family follows from the address width. Several tables may be concatenated.
/// </summary>
public sealed class ProcNetFormat : IEvidenceFormat
{
    public string Name => "proc-net";

    public string Description => "Linux /proc/net/tcp, tcp6, udp, udp6 copies";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var first = sample.FirstLine.TrimStart();
        return first.StartsWith("sl", StringComparison.Ordinal) && first.Contains("local_address", StringComparison.Ordinal) ? 98 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new ProcNetReader(collector);
}

/// <summary>Reads /proc/net table lines; see <see cref="ProcNetFormat"/>.</summary>
internal sealed class ProcNetReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;
    private readonly TransportProtocol _protocol;

    public ProcNetReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Linux;
        _protocol = Path.GetFileName(collector.Path).Contains("udp", StringComparison.OrdinalIgnoreCase)
            ? TransportProtocol.Udp
            : TransportProtocol.Tcp;
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var trimmed = line.Trim();
        if (trimmed.IsEmpty || trimmed.StartsWith("sl"))
        {
            return;
        }

        // "0: 0100007F:0016 ..." — the local address width tells IPv4 (8 hex digits) from IPv6 (32).
        var colon = trimmed.IndexOf(':');
        var afterSlot = colon < 0 ? trimmed : trimmed[(colon + 1)..].TrimStart();
        var addressColon = afterSlot.IndexOf(':');
        var family = addressColon == 32 ? IpFamily.IPv6 : IpFamily.IPv4;
        var entry = ProcNetParser.ParseLine(trimmed.ToString(), _protocol, family, out _);
        if (entry is null)
        {
            _collector.Unreadable(number);
            return;
        }

        _collector.AddSocket(entry);
    }

    public void Finish()
    {
        _collector.EndSnapshot();
        _collector.Note($"/proc/net tables carry inodes, not PIDs: per-process attribution unavailable; protocol {(_protocol == TransportProtocol.Udp ? "UDP" : "TCP")} taken from the file name");
    }
}
