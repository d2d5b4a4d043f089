using System.Text;
using System.Text.Json;

namespace PortDoctor.Evidence.PowerShell;

/// <summary>
/// Get-NetTCPConnection | ConvertTo-Json: an array of objects (one object when there was one
/// connection; Windows PowerShell's {"value": [...], "Count": n} for an array passed as
/// -InputObject, PowerShell/PowerShell#3153), State as a number (Windows PowerShell) or a name
/// (-EnumsAsStrings). Streamed token by token, so any size reads in the same memory and a
/// truncated file keeps every complete object before the cut.
/// </summary>
internal sealed class PowerShellJsonFormat : IEvidenceFormat
{
    public string Name => "powershell-json";

    public string Description => "Get-NetTCPConnection | ConvertTo-Json";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var text = sample.Text.TrimStart();
        return text.Length > 0 && text[0] is '[' or '{' && text.Contains("\"LocalAddress\"", StringComparison.Ordinal) ? 95 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new PowerShellJsonReader(collector);
}
