namespace PortDoctor.Evidence.Linux;

/// <summary>
/// Linux <c>ss</c>: <c>-tan</c>, <c>-tanp</c>, <c>-tuanp</c> (with or without the Netid column),
/// <c>-o</c>/<c>-e</c> columns, <c>-i</c>/<c>-m</c> detail lines, <c>-H</c> (no header), state
/// filters (no State column), old ss owners ("sshd",1256,3), <c>-a</c> with unix/netlink rows
/// (skipped), and <c>ss -s</c> (totals only). Owners come from "users:((\"name\",pid=N,fd=M))".
/// </summary>
internal sealed class LinuxSsFormat : IEvidenceFormat
{
    public string Name => "linux-ss";

    public string Description => "Linux ss -tan / -tanp / -tuanp / -tanpoeim / state filters, and ss -s";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);

        // A pasted prompt line ("$ ss -tan state time-wait") may come before the header.
        var dates = new UnixDateLine();
        foreach (var line in sample.NonBlank.Take(4))
        {
            var first = line.TrimStart();
            if (dates.TryParse(first, out _))
            {
                // A monitoring loop's `date` line before the first `ss`.
                continue;
            }

            var header = (first.StartsWith("State", StringComparison.Ordinal) || first.StartsWith("Netid", StringComparison.Ordinal) ||
                first.StartsWith("Recv-Q", StringComparison.Ordinal)) &&
                first.Contains("Recv-Q", StringComparison.Ordinal) && first.Contains("Local Address", StringComparison.Ordinal);
            if (header)
            {
                // "Peer Address" is ss's; net-tools netstat says "Foreign Address".
                return first.Contains("Peer Address", StringComparison.Ordinal) ? 97 : 95;
            }

            // Pasted `ss -s` sometimes stops before the "Transport Total" table.
            if (first.StartsWith("Total:", StringComparison.Ordinal) && (sample.Contains("Transport Total") || sample.Contains("(estab ")))
            {
                return 95;
            }

            if (!LinuxSsStateFilter.TryCommandLine(first, out _))
            {
                break;
            }
        }

        var rows = sample.Count(l => LinuxSsReader.LooksLikeRow(l));
        return rows >= 2 ? 50 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new LinuxSsReader(collector);
}
