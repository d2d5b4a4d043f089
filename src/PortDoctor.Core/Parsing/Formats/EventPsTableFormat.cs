using PortDoctor.Core.Model;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>
/// <c>Get-WinEvent</c>'s default output: a "ProviderName: Tcpip" group line, then a table of
/// TimeCreated, Id, LevelDisplayName and Message (cut with "..." at the console width). The
/// property names are not translated; the time is in the regional format of the machine.
/// </summary>
public sealed class EventPsTableFormat : IEvidenceFormat
{
    public string Name => "events-ps-table";

    public string Description => "Tcpip 4227/4231 events: Get-WinEvent default table output";

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

    public IEvidenceLineReader Start(EvidenceCollector collector) => new EventPsTableReader(collector);
}
