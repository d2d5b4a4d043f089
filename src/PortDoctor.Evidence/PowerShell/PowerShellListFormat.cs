namespace PortDoctor.Evidence.PowerShell;

/// <summary>
/// Get-NetTCPConnection | Format-List: one "Key : value" record per connection; also
/// Get-NetTCPSetting / Get-NetUDPSetting (their default list), whose DynamicPortRangeStartPort and
/// DynamicPortRangeNumberOfPorts give the dynamic range under names no display language translates.
/// </summary>
internal sealed class PowerShellListFormat : IEvidenceFormat
{
    public string Name => "powershell-list";

    public string Description => "Get-NetTCPConnection | Format-List, Get-NetTCPSetting";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var keys = sample.Count(l => KeyValueRecords.TrySplit(l, out var k, out _) && k is PowerShellConnection.LocalAddress or PowerShellConnection.LocalPort or PowerShellConnection.RemotePort or
            PowerShellListReader.StartPortKey or PowerShellListReader.PortCountKey);
        return keys >= 2 ? 90 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new UncoloredLines(new PowerShellListReader(collector));
}
