using PortDoctor.Core.Model;
using PortDoctor.Core.Parsing.Text;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>
/// Get-NetTCPConnection's default table. Columns are located from the dashed line under the
/// header, so blank cells (AppliedSetting is often empty) do not shift the others. A cell cut
/// short by the console width ("fe80::1c2d:...") cannot be read and is counted.
/// </summary>
public sealed class PowerShellTableFormat : IEvidenceFormat
{
    public string Name => "powershell-table";

    public string Description => "Get-NetTCPConnection default table output";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        for (var i = 0; i + 1 < sample.Lines.Count; i++)
        {
            var line = sample.Lines[i];
            if (line.Contains(PowerShellConnection.LocalAddress, StringComparison.Ordinal) && line.Contains(PowerShellConnection.State, StringComparison.Ordinal) &&
                !line.Contains(',', StringComparison.Ordinal) && !line.Contains(':', StringComparison.Ordinal) && sample.Lines[i + 1].TrimStart().StartsWith("---", StringComparison.Ordinal))
            {
                return 95;
            }
        }

        return 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new PowerShellTableReader(collector);
}
