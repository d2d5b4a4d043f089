using System.Diagnostics.Eventing.Reader;
using System.Runtime.Versioning;
using PortDoctor.Core.Model;

namespace PortDoctor.Platform.Windows;

/// <summary>Reads Tcpip 4227/4231 from the System log (readable by normal users, unlike Security).</summary>
[SupportedOSPlatform("windows")]
internal static class WindowsEventReader
{
    /// <summary>At most this many events are kept: a storm logs thousands and the first ones tell enough.</summary>
    private const int Limit = 10_000;

    public static List<PortEvent> Read(TimeSpan since, CancellationToken cancellationToken)
    {
        var events = new List<PortEvent>();
        var query = new EventLogQuery(TcpipEventQuery.LogName, PathType.LogName, TcpipEventQuery.Build(since))
        {
            ReverseDirection = true,
        };
        using var reader = new EventLogReader(query);
        for (var record = reader.ReadEvent(); record is not null && events.Count < Limit; record = reader.ReadEvent())
        {
            cancellationToken.ThrowIfCancellationRequested();
            using (record)
            {
                string message;
                try
                {
                    message = record.FormatDescription() ?? "";
                }
                catch (EventLogException)
                {
                    // The message DLL is missing (e.g. an exported log): the id still tells what happened.
                    message = "";
                }

                events.Add(new PortEvent(
                    record.TimeCreated is { } time ? new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MinValue,
                    record.ProviderName ?? "Tcpip",
                    record.Id,
                    message.Trim())
                {
                    Protocol = TransportProtocol.Tcp,
                });
            }
        }

        events.Reverse();
        return events;
    }
}
