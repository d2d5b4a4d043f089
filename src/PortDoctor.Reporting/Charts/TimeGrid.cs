namespace PortDoctor.Reporting.Charts;

/// <summary><c>Count</c> equal time spans from <c>From</c> to <c>To</c> (both included).</summary>
internal readonly record struct TimeGrid(DateTimeOffset From, DateTimeOffset To, int Count)
{
    public int BucketOf(DateTimeOffset time)
    {
        long span = (To - From).Ticks;
        if (span <= 0)
        {
            return 0;
        }

        long offset = Math.Clamp((time - From).Ticks, 0, span);
        return (int)Math.Min(Count - 1, (long)((double)offset / span * Count));
    }

    public DateTimeOffset Middle(int bucket) =>
        From + TimeSpan.FromTicks((long)((To - From).Ticks * ((bucket + 0.5) / Count)));
}
