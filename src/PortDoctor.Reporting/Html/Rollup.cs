using PortDoctor.Reporting.Charts;

namespace PortDoctor.Reporting.Html;

/// <summary>
/// The tables behind the charts, one row per period: the finest of 1 min, 5 min, 15 min, 1 h, 6 h,
/// 1 d or 7 d that gives at most <see cref="MaxRows"/> rows (a week of one-minute samples: 168
/// hourly rows). Periods start at UTC multiples of their length.
/// </summary>
internal static class Rollup
{
    public const int MaxRows = 200;

    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1),
        TimeSpan.FromHours(6), TimeSpan.FromDays(1), TimeSpan.FromDays(7),
    ];

    public static TimeSpan Period(DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var step in Steps)
        {
            if (Start(to, step) - Start(from, step) < step * MaxRows)
            {
                return step;
            }
        }

        return Steps[^1];
    }

    public static DateTimeOffset Start(DateTimeOffset time, TimeSpan period) =>
        new(time.UtcTicks - (time.UtcTicks % period.Ticks), TimeSpan.Zero);

    /// <summary>The points of each period that has any, in time order.</summary>
    public static IEnumerable<IGrouping<DateTimeOffset, ChartPoint>> Periods(IEnumerable<ChartPoint> points, TimeSpan period) =>
        points.GroupBy(p => Start(p.Time, period)).OrderBy(g => g.Key);

    public static string Describe(TimeSpan period) => period switch
    {
        { TotalDays: >= 1 } => $"{period.TotalDays:0} d",
        { TotalHours: >= 1 } => $"{period.TotalHours:0} h",
        _ => $"{period.TotalMinutes:0} min",
    };
}
