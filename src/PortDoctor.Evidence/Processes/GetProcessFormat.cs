namespace PortDoctor.Evidence.Processes;

/// <summary>
/// <c>Get-Process</c>, the guide's Task Manager step as text: the default table ("Handles NPM(K)
/// PM(K) WS(K) CPU(s) Id SI ProcessName"; PowerShell 7 drops Handles), <c>| Format-List</c> and
/// <c>| Export-Csv</c>. It lists processes, not sockets: each gives a name and a handle count by PID,
/// which the merge adds to the socket snapshot.
/// </summary>
internal sealed class GetProcessFormat : IEvidenceFormat
{
    public string Name => "get-process";

    public string Description => "Get-Process table, list or CSV (handle counts per process)";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.NonBlank.Any(l => l.StartsWith("#TYPE System.Diagnostics.Process", StringComparison.Ordinal)))
        {
            return 100;
        }

        for (var i = 0; i + 1 < sample.Lines.Count; i++)
        {
            if (GetProcessReader.IsTableHeader(sample.Lines[i]) && sample.Lines[i + 1].TrimStart().StartsWith("--", StringComparison.Ordinal))
            {
                return 95;
            }

            if (GetProcessReader.CsvColumns(sample.Lines[i]) is not null)
            {
                return 90;
            }
        }

        var keys = sample.NonBlank.Select(l => KeyValueRecords.TrySplit(l, out var key, out _) ? key : "").ToHashSet(StringComparer.OrdinalIgnoreCase);
        return keys.Contains("Id") && (keys.Contains("Handles") || keys.Contains("HandleCount")) && keys.Contains("Name") &&
            !keys.Contains(PowerShellConnection.LocalAddress) ? 90 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new UncoloredLines(new GetProcessReader(collector));
}
