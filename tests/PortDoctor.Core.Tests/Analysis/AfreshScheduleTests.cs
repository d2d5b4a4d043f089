using PortDoctor.Core.Analysis;
using Xunit;

namespace PortDoctor.Core.Tests.Analysis;

/// <summary>When kept counts are counted afresh unasked, at a monitor's intervals.</summary>
public class AfreshScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 300)]     // 1 s: every 5 minutes
    [InlineData(5, 60)]      // 5 s: every 5 minutes
    [InlineData(30, 10)]     // 30 s: every 10th sample (5 minutes)
    [InlineData(60, 10)]     // the default 60 s: every 10th sample
    [InlineData(120, 5)]     // 2 minutes: every 10 minutes at the latest
    [InlineData(3600, 1)]    // an hour: every sample
    public void Counts_afresh_every_tenth_sample_but_from_5_to_10_minutes_apart(int seconds, int every)
    {
        var schedule = default(AfreshSchedule);
        schedule.Counted(Start);
        var due = new List<int>();
        for (var sample = 1; sample <= 4 * every; sample++)
        {
            var time = Start.AddSeconds(seconds * sample);
            if (schedule.Due(time))
            {
                due.Add(sample);
                schedule.Counted(time);
            }
        }

        Assert.Equal(Enumerable.Range(1, 4).Select(n => n * every), due);
    }

    [Fact]
    public void A_count_afresh_for_another_reason_starts_the_wait_again_and_a_clock_set_back_counts_afresh()
    {
        var schedule = default(AfreshSchedule);
        schedule.Counted(Start);
        for (var sample = 1; sample < 60; sample++)
        {
            Assert.False(schedule.Due(Start.AddSeconds(5 * sample)));
        }

        schedule.Counted(Start.AddSeconds(5 * 59)); // the listeners changed, say
        Assert.False(schedule.Due(Start.AddSeconds(5 * 60)));
        Assert.True(schedule.Due(Start.AddSeconds(-1)));
    }
}
