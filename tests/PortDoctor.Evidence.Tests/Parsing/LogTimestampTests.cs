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
}
