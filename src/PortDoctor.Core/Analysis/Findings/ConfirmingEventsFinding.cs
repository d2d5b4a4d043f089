namespace PortDoctor.Core.Analysis;

/// <summary>Tcpip 4227/4231 events of one id: the OS said it could not allocate a port.</summary>
public sealed record ConfirmingEventsFinding(string Source, int EventId, int Count, DateTimeOffset Last) : Finding
{
    public override FindingKind Kind => FindingKind.ConfirmingEvents;
}
