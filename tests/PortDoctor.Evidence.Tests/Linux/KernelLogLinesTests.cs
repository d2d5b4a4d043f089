using PortDoctor.Evidence.Linux;
using Xunit;

namespace PortDoctor.Evidence.Tests.Linux;

public class KernelLogLinesTests
{
    [Fact]
    public void Keeps_only_socket_pressure_lines_counted_per_message_with_the_last_time()
    {
        const string Text =
            "2026-11-25T02:04:24,000000+00:00 Linux version 6.18.44\n" +
            "2026-11-25T02:10:00,250000+00:00 TCP: time wait bucket table overflow\n" +
            "not a log line\n" +
            "2026-11-25T02:11:30,500000+00:00 TCP: time wait bucket table overflow\n" +
            "2026-11-25T02:12:00,000000+00:00 TCP: too many orphaned sockets\n";

        var events = KernelLogLines.Parse(Text);

        Assert.Equal(2, events.Count);
        Assert.Equal(("TCP: time wait bucket table overflow", 2), (events[0].Message, events[0].Count));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 2, 11, 30, 500, TimeSpan.Zero), events[0].Time);
        Assert.Equal("kernel", events[0].Source);
        Assert.Equal("TCP: too many orphaned sockets", events[1].Message);
    }

    [Fact]
    public void An_empty_log_gives_no_events()
    {
        Assert.Empty(KernelLogLines.Parse(""));
    }
}
