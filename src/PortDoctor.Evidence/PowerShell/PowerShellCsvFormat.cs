namespace PortDoctor.Evidence.PowerShell;

/// <summary>
/// Get-NetTCPConnection | Export-Csv (with or without the "#TYPE" line; any column order), also
/// with <c>-UseCulture</c> (";" in many European locales) and tab-separated (<c>-Delimiter "`t"</c>,
/// rows copied from Out-GridView or a spreadsheet).
/// </summary>
internal sealed class PowerShellCsvFormat : IEvidenceFormat
{
    public string Name => "powershell-csv";

    public string Description => "Get-NetTCPConnection | Export-Csv";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        // A header row names the column next to a separator; JSON has "LocalAddress": instead.
        return sample.NonBlank.Take(3).Any(l => PowerShellCsvReader.Separator(l) is not null) ? 95 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new PowerShellCsvReader(collector);
}
