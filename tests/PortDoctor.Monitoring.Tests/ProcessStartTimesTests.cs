using Xunit;

namespace PortDoctor.Monitoring.Tests;

public sealed class ProcessStartTimesTests
{
    [Theory]
    [InlineData("1234 (nginx) S 1 1234 1234 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 4250 10000000 500", 42.5)]
    [InlineData("77 (a ) b) R 1 77 77 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 100 1 1", 1.0)]
    public void The_start_is_field_22_in_hundredths_of_a_second_after_boot(string stat, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ProcessStartTimes.Ticks(stat));

    [Fact]
    public void A_truncated_stat_line_has_no_start() => Assert.Null(ProcessStartTimes.Ticks("1 (x) S 1 2"));

    [Fact]
    public void This_process_started_before_now_and_after_boot()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads /proc");
        }

        var start = ProcessStartTimes.For(Core.Model.OsKind.Linux)(Environment.ProcessId);
        Assert.NotNull(start);
        Assert.InRange(start.Value, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }
}
