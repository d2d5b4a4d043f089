using System.Globalization;
using PortDoctor.Core.Model;
using PortDoctor.Core.Parsing.Text;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>
/// Linux <c>ss -tan</c>, <c>-tanp</c>, <c>-tuanp</c> (with or without the Netid column) and
/// <c>ss -s</c> (totals only). Owners come from "users:((\"name\",pid=N,fd=M))".
/// </summary>
public sealed class LinuxSsFormat : IEvidenceFormat
{
    public string Name => "linux-ss";

    public string Description => "Linux ss -tan / -tanp / -tuanp and ss -s";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var first = sample.FirstLine.TrimStart();
        var header = (first.StartsWith("State", StringComparison.Ordinal) || first.StartsWith("Netid", StringComparison.Ordinal)) &&
            first.Contains("Recv-Q", StringComparison.Ordinal) && first.Contains("Local Address", StringComparison.Ordinal);
        if (header)
        {
            return 95;
        }

        if (first.StartsWith("Total:", StringComparison.Ordinal) && sample.Contains("Transport Total"))
        {
            return 95;
        }

        var rows = sample.Count(l => LinuxSsReader.LooksLikeRow(l));
        return rows >= 2 ? 50 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new LinuxSsReader(collector);
}
