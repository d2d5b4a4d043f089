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

    [Fact]
    public void A_kmsg_record_gives_its_message_and_its_time_after_boot()
    {
        var boot = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var record = "4,1021,93000250,-;TCP: time wait bucket table overflow\n SUBSYSTEM=net\n"u8;

        Assert.True(KernelLogLines.TryKernelMessage(record, boot, KernelLogLines.Meaningful, out var time, out var message));

        Assert.Equal("TCP: time wait bucket table overflow", message);
        Assert.Equal(boot.AddSeconds(93).AddTicks(250 * TimeSpan.TicksPerMicrosecond), time);
    }

    [Theory]
    [InlineData("6,1022,93000300,-;eth0: link up\n")]
    [InlineData("TCP: time wait bucket table overflow\n")]
    [InlineData("4,1021;TCP: time wait bucket table overflow\n")]
    [InlineData("4,1021,abc,-;TCP: time wait bucket table overflow\n")]
    [InlineData("4,1021,93000250,-;TCP: tw\n SUBSYSTEM=time wait bucket table overflow\n")]
    [InlineData("")]
    public void Other_or_malformed_kmsg_records_are_skipped(string record)
    {
        Assert.False(KernelLogLines.TryKernelMessage(System.Text.Encoding.UTF8.GetBytes(record), DateTimeOffset.UnixEpoch, KernelLogLines.Meaningful, out _, out _));
    }

    [Fact]
    public void A_tally_counts_each_message_with_its_last_time()
    {
        var tally = new KernelLogTally();
        var first = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        tally.Add(first.AddMinutes(5), "TCP: too many orphaned sockets");
        tally.Add(first, "TCP: time wait bucket table overflow");
        tally.Add(first.AddMinutes(1), "TCP: time wait bucket table overflow");

        Assert.Equal(
            [("TCP: time wait bucket table overflow", 2, first.AddMinutes(1)), ("TCP: too many orphaned sockets", 1, first.AddMinutes(5))],
            tally.Events.Select(e => (e.Message, e.Count, e.Time)));
    }
}
