using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

public sealed class EventTests
{
    [Theory]
    [InlineData("Events/wevtutil.xml", "events-xml", 3)]
    [InlineData("Events/wevtutil.txt", "events-list", 2)]
    [InlineData("Events/get-winevent.list.txt", "events-list", 2)]
    [InlineData("Events/get-winevent.csv", "events-table", 2)]
    [InlineData("Events/eventviewer.txt", "events-table", 2)]
    [InlineData("Events/eventviewer.csv", "events-table", 2)]
    public void Every_export_gives_the_tcpip_events_with_their_times(string file, string format, int count)
    {
        var evidence = Fixture.Read(file);
        var events = evidence.Events;

        Assert.Equal(format, evidence.Sources[0].Format);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal(count, events.Count);
        Assert.All(events, e => Assert.Contains(e.EventId, new[] { 4227, 4231 }));
        Assert.All(events, e => Assert.Equal(TransportProtocol.Tcp, e.Protocol));
        Assert.Equal(4231, events[0].EventId);
        Assert.Equal(new DateTime(2024, 1, 15, 14, 30, 0), events[0].Time.UtcDateTime.AddTicks(-(events[0].Time.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)));
        Assert.False(evidence.HasSockets);
    }

    [Fact]
    public void Xml_skips_other_events_and_reads_the_rendered_message()
    {
        var evidence = Fixture.Read("Events/wevtutil.xml");

        Assert.Equal([4231, 4227, 4231], evidence.Events.Select(e => e.EventId));
        Assert.StartsWith("TCP/IP failed to establish", evidence.Events[1].Message, StringComparison.Ordinal);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.OtherEventsIgnored && n.Count == 1);
    }

    [Fact]
    public void Wevtutil_text_joins_the_description_lines()
    {
        var events = Fixture.Read("Events/wevtutil.txt").Events;

        Assert.StartsWith("A request to allocate an ephemeral port number", events[0].Message, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 14, 31, 10, 500, TimeSpan.Zero), events[1].Time);
    }

    [Fact]
    public void Format_list_reads_am_pm_times_and_wrapped_messages()
    {
        var events = Fixture.Read("Events/get-winevent.list.txt").Events;

        Assert.Equal(new DateTimeOffset(2024, 1, 15, 14, 31, 10, TimeSpan.Zero), events[1].Time);
        Assert.EndsWith("such ports being in use.", events[0].Message, StringComparison.Ordinal);
    }
}
