using PortDoctor.Core.Model;
using PortDoctor.Core.Parsing.Text;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>Get-NetTCPConnection | Export-Csv (with or without the "#TYPE" line; any column order).</summary>
public sealed class PowerShellCsvFormat : IEvidenceFormat
{
    public string Name => "powershell-csv";

    public string Description => "Get-NetTCPConnection | Export-Csv";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        // A header row names the column followed by a comma; JSON has "LocalAddress": instead.
        return sample.NonBlank.Take(3).Any(l => l.Contains("\"LocalAddress\",", StringComparison.Ordinal) ||
            l.StartsWith("LocalAddress,", StringComparison.Ordinal) || l.Contains(",LocalAddress,", StringComparison.Ordinal)) ? 95 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new PowerShellCsvReader(collector);
}
