using PortDoctor.Evidence.Text;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

public sealed class LogTimestampTests
{
    [Theory]
    [InlineData("Mon 01/15/2024 14:30:00.12 ", 2024, 1, 15, 14, 30, 0, 120)]
    [InlineData("15.01.2024 14:30:00,12", 2024, 1, 15, 14, 30, 0, 120)]
    [InlineData("15/01/2024  9:05:03,12", 2024, 1, 15, 9, 5, 3, 120)]
    [InlineData("2024/01/15 14:30:00.12", 2024, 1, 15, 14, 30, 0, 120)]
    [InlineData("2024/01/15 周一 14:30:00.12", 2024, 1, 15, 14, 30, 0, 120)]
    [InlineData("2024-01-15 월 14:30:00.12", 2024, 1, 15, 14, 30, 0, 120)]
    [InlineData("2024-01-15 14:30:00,12", 2024, 1, 15, 14, 30, 0, 120)]
    [InlineData("ven. 19/01/2024 08:00:00,50", 2024, 1, 19, 8, 0, 0, 500)]
    [InlineData("1/15/2024 2:30:00 PM", 2024, 1, 15, 14, 30, 0, 0)]
    [InlineData("Monday, January 15, 2024 2:30:00 PM", 2024, 1, 15, 14, 30, 0, 0)]
    public void Regional_date_lines_are_read(string line, int year, int month, int day, int hour, int minute, int second, int ms)
    {
        Assert.True(new LogTimestamp().TryParse(line, out var time));

        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, second, ms, TimeSpan.Zero), time);
    }

    [Theory]
    [InlineData("  TCP    10.0.0.5:49712         10.0.0.9:443           ESTABLISHED     4321")]
    [InlineData("Active Connections")]
    [InlineData("31.02.2024 14:30:00,00")]
    [InlineData("15.01.2024 25:30:00,00")]
    [InlineData("Start Port      : 49152")]
    public void Other_lines_are_not_timestamps(string line) => Assert.False(new LogTimestamp().TryParse(line, out _));

    [Fact]
    public void An_unambiguous_date_fixes_the_order_for_the_ambiguous_ones_after_it()
    {
        var stamps = new LogTimestamp();

        Assert.True(stamps.TryParse("01/13/2024 10:00:00.00", out _));
        Assert.True(stamps.TryParse("02/03/2024 10:00:00.00", out var ambiguous));

        Assert.Equal(new DateTimeOffset(2024, 2, 3, 10, 0, 0, TimeSpan.Zero), ambiguous);
        Assert.False(stamps.AssumedOrder);
    }

    /// <summary>
    /// A worker's date numbers resolved again after a line read in full decided the order: read in
    /// that order, not in the one the same numbers gave before (TryResolve keeps the last date).
    /// </summary>
    [Fact]
    public void A_date_resolved_again_after_the_order_was_decided_reads_in_the_order_decided()
    {
        var stamps = new LogTimestamp();
        var parts = new PortDoctor.Evidence.FastPath.TimestampParts(false, false, 2024, 2, 3, 10, 0, 0, 0);

        Assert.True(stamps.TryResolve(parts, out var assumed));
        Assert.True(stamps.TryParse("01/13/2024 10:00:00.00", out _));
        Assert.True(stamps.TryResolve(parts with { Minute = 1 }, out var decided));

        Assert.Equal(new DateTimeOffset(2024, 3, 2, 10, 0, 0, TimeSpan.Zero), assumed);
        Assert.Equal(new DateTimeOffset(2024, 2, 3, 10, 1, 0, TimeSpan.Zero), decided);
        Assert.Equal(false, stamps.DayFirst);
    }

    [Fact]
    public void Lines_that_differ_only_in_their_clock_read_as_each_read_alone()
    {
        // The cache of the last date against the same parser with the cache emptied before each line.
        string[] lines =
        [
            "02/03/2024  9:59:00.00", "02/03/2024  9:59:01.5", "02/03/2024 10:00:00.00", "02/03/2024 10:00:00", "02/03/2024 10:00",
            "02/03/2024 25:00:00.00", "02/03/2024 10:00:00.00", "02/03/2024 10:61:00", "02/03/2024 10:00:00.", "02/03/2024 10:00:00:00",
            "02/03/2024 1:2:3", "02/03/2024 10:00:00.00 PM", "02/03/2024 11:00:00.00", "02/03/2024 10:0a:00", "02/03/2024 10:00:00 x",
            "13/03/2024 10:00:00,00", "02/03/2024 10:00:02.00", "02/03/2024 10:00:03.00", "Mon 01/15/2024 23:59:59.99", "Mon 01/15/2024 23:59:59.9",
            "Mon 01/16/2024  0:00:00.00", "Mon 01/16/2024	0:00:01.00", "Mon 01/16/2024 0:00:02.00", "  Mon 01/16/2024 0:00:03.00  ",
            "2024/01/15 周一 14:30:00.12", "2024/01/15 周一 14:30:01.12", "2024/01/15 周一 2:30:01", "1/15/2024 2:30:00 PM", "1/15/2024 2:30:01 PM",
            "1/15/2024 2:30:01", "1/15/2024 12:30:01", "02/30/2024 10:00:00", "02/30/2024 10:00:01", "02/03/2024 10:00:0000000000009",
        ];
        var (cached, alone) = (new LogTimestamp(), new LogTimestamp());

        foreach (var line in lines)
        {
            Assert.False(alone.TryParse("-", out _));
            var expected = alone.TryParse(line, out var expectedTime);

            var read = cached.TryParse(line, out var time);

            Assert.True((expected, expectedTime) == (read, time), $"{line}: {read} {time:O}, read alone {expected} {expectedTime:O}");
            Assert.Equal((alone.DayFirst, alone.AssumedOrder), (cached.DayFirst, cached.AssumedOrder));
        }
    }
}
