using PortDoctor.Core.Trends.Forecasting;
using Xunit;

namespace PortDoctor.Core.Tests.Trends.Forecasting;

public sealed class OrderStatisticTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 3)]
    [InlineData(17, 1000)]
    [InlineData(1000, 4)]
    [InlineData(5000, 100_000)]
    public void Every_rank_is_the_value_a_sort_puts_there_with_ties_and_after_earlier_calls(int length, int distinct)
    {
        var random = new Random(length * 31 + distinct);
        var values = Enumerable.Range(0, length).Select(_ => (double)random.Next(distinct) - (distinct / 2)).ToArray();
        var sorted = values.Order().ToArray();
        var work = values.ToArray();

        // Ranks in an order that leaves the span half-partitioned between calls, as Theil-Sen's four calls do.
        foreach (var k in new[] { length / 2, 0, length - 1, length / 4, (3 * length) / 4, Math.Max(0, (length / 2) - 1) })
        {
            Assert.Equal(sorted[k], OrderStatistic.Select(work, k));
        }

        Assert.Equal(sorted, work.Order());
    }

    [Fact]
    public void A_rank_outside_the_span_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistic.Select(new double[3], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistic.Select(new double[3], -1));
    }
}
