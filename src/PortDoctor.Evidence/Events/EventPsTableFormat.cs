namespace PortDoctor.Evidence.Events;

/// <summary>
/// <c>Get-WinEvent</c>'s default output: a "ProviderName: Tcpip" group line, then a table of
/// TimeCreated, Id, LevelDisplayName and Message (cut with "..." at the console width); the same
/// through <c>Select-Object TimeCreated, Id, Message | Format-Table -Wrap</c> (the message wrapped
/// onto indented lines); and <c>Get-EventLog</c>'s table (Index, Time "Mar 17 13:45" without a
/// year, EntryType, Source, InstanceID with the severity bits, Message: the shape of the GitHub
/// Actions runner docs and Microsoft's Get-EventLog help). The property names are not translated;
/// times are in the regional format of the machine.
/// </summary>
internal sealed class EventPsTableFormat : IEvidenceFormat
{
    public string Name => "events-ps-table";

    public string Description => "Tcpip 4227/4231 events: Get-WinEvent and Get-EventLog tables (default, Select-Object, -Wrap)";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        for (var i = 0; i + 1 < sample.Lines.Count; i++)
        {
            if (EventPsTableReader.IsHeader(sample.Lines[i]) && sample.Lines[i + 1].TrimStart().StartsWith("---", StringComparison.Ordinal))
            {
                return 90;
            }
        }

        return 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new UncoloredLines(new EventPsTableReader(collector));
}
