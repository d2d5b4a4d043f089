namespace PortDoctor.Evidence.Processes;

/// <summary>
/// <c>tasklist</c>, <c>tasklist /v</c>, <c>/svc</c> and <c>/fo csv</c> (with or without header):
/// image names by PID, which is what netstat -ano lacks. tasklist shows no handle counts (Get-Process
/// does); like Get-Process it lists processes, not sockets, and the merge adds them to the socket snapshot.
/// </summary>
internal sealed class TaskListFormat : IEvidenceFormat
{
    public string Name => "tasklist";

    public string Description => "tasklist, tasklist /v, /svc and /fo csv (process names by PID)";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Lines.Any(l => l.TrimStart().StartsWith("TCP ", StringComparison.Ordinal) || l.TrimStart().StartsWith("UDP ", StringComparison.Ordinal)))
        {
            // tasklist pasted under netstat rows names their PIDs: the netstat reader takes it.
            return 0;
        }

        for (var i = 0; i + 1 < sample.Lines.Count; i++)
        {
            var header = sample.Lines[i].Trim();
            if (header.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("PID") && header.IndexOfAny(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) < 0 &&
                sample.Lines[i + 1].TrimStart().StartsWith("===", StringComparison.Ordinal))
            {
                return 95;
            }
        }

        if (TaskListReader.CsvHeaderPid(sample.FirstLine) is not null)
        {
            return 95;
        }

        var rows = sample.Count(l => TaskListReader.IsCsvRow(CsvLine.Split(l)) || TaskListLines.TryRow(l.Trim(), out _, out _));
        return rows >= 2 && rows * 2 >= sample.NonBlank.Count() ? 60 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new TaskListReader(collector);
}
