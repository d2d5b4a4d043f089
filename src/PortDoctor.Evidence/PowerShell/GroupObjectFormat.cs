using System.Globalization;

namespace PortDoctor.Evidence.PowerShell;

/// <summary>
/// The guide's <c>Get-NetTCPConnection | Group-Object -Property State, OwningProcess | Select Count,
/// Name, ProcessName, Group | Sort-Object Count -Descending</c>. It has counts, not connections: each
/// count becomes that many sockets with unknown endpoints ("*:0"), so state and per-process totals
/// are right and nothing about ports is invented.
/// </summary>
internal sealed class GroupObjectFormat : IEvidenceFormat
{
    public string Name => "powershell-group";

    public string Description => "the guide's Get-NetTCPConnection | Group-Object State, OwningProcess output";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var header = sample.NonBlank.FirstOrDefault(l => !PromptLine.Is(l))?.Trim() ?? "";
        if (header.StartsWith("Count", StringComparison.Ordinal) && header.Contains("Name", StringComparison.Ordinal))
        {
            return 95;
        }

        return sample.Count(l => GroupObjectReader.TryRow(l, out _, out _, out _, out _)) >= 2 ? 60 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new UncoloredLines(new GroupObjectReader(collector));
}
