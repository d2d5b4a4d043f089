namespace PortDoctor.Core.Analysis;

/// <summary>
/// When a count kept between samples is counted afresh though nothing asked for it: a guard, since the
/// kept counts equal fresh ones after every step (IncrementalSampleTests). Every <see cref="Every"/>th
/// sample, but no sooner than <see cref="Apart"/> after the last count afresh and no later than
/// <see cref="Within"/>, by the snapshots' times: the terms on which a monitor walks every fd table
/// again (<c>OwnerCache.ForMonitor</c>). At 60 s every 10th sample; under 30 s every 5 minutes, where a
/// count afresh each 10th sample (~25 ms at 40,000 sockets) would be a twentieth of the monitor's CPU.
/// </summary>
public struct AfreshSchedule
{
    public const int Every = 10;

    public static readonly TimeSpan Apart = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan Within = TimeSpan.FromMinutes(10);

    private int _since;
    private DateTimeOffset _last;

    /// <summary>Counts a sample taken at <paramref name="time"/>; whether it is one to count afresh.</summary>
    public bool Due(DateTimeOffset time)
    {
        _since++;
        var gap = time - _last;
        return gap < TimeSpan.Zero || gap >= Within || (_since >= Every && gap >= Apart);
    }

    /// <summary>A count afresh was made for the sample at <paramref name="time"/> (asked for, or for any other reason).</summary>
    public void Counted(DateTimeOffset time) => (_since, _last) = (0, time);
}
