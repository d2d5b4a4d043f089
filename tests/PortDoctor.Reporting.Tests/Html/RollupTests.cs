using PortDoctor.Reporting.Html;
using Xunit;

namespace PortDoctor.Reporting.Tests.Html;

public class RollupTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 17, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(120, 1)]
    [InlineData(600, 5)]
    [InlineData(10_079, 60)]
    [InlineData(43_199, 360)]
    public void The_period_is_the_finest_that_gives_at_most_200_rows(int minutes, int periodMinutes)
    {
        var period = Rollup.Period(T0, T0.AddMinutes(minutes));

        Assert.Equal(TimeSpan.FromMinutes(periodMinutes), period);
        Assert.True((Rollup.Start(T0.AddMinutes(minutes), period) - Rollup.Start(T0, period)) / period < Rollup.MaxRows);
    }

    [Fact]
    public void Periods_start_at_utc_multiples_of_their_length()
    {
        var local = new DateTimeOffset(2026, 11, 25, 12, 47, 30, TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), Rollup.Start(local, TimeSpan.FromHours(1)));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 45, 0, TimeSpan.Zero), Rollup.Start(local, TimeSpan.FromMinutes(15)));
    }
}
