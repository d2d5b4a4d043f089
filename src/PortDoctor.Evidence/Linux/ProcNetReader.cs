namespace PortDoctor.Evidence.Linux;

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
        _collector.EndLastSnapshot();
        _collector.Note(new Note(NoteKind.ProcNetWithoutPids) { Protocol = _protocol });
    }
}
