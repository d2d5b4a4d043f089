using PortDoctor.Core;
using PortDoctor.Core.Sources;

namespace PortDoctor.HealthChecks;

/// <summary>
/// One observation shared by every probe for <c>lifetime</c>. The first probe after it expires starts one
/// refresh on the thread pool; until that ends, probes get the previous observation while it is less than two
/// lifetimes old (so a probe at one per second never waits for the kernel), and otherwise all await that same
/// refresh. Never more than one refresh at a time, never more than one per lifetime.
/// </summary>
internal sealed class ObservationCache(ISnapshotSource source, TimeProvider time, TimeSpan lifetime)
{
    private readonly Lock _lock = new();
    private CachedObservation? _last;
    private Task<CachedObservation>? _refresh;

    public Task<CachedObservation> GetAsync()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_last is { } last && now - last.TakenAt < lifetime)
            {
                return Task.FromResult(last);
            }

            _refresh ??= Task.Run(() => Refresh(now));
            return _last is { } stale && now - stale.TakenAt < 2 * lifetime ? Task.FromResult(stale) : _refresh;
        }
    }

    private CachedObservation Refresh(DateTimeOffset startedAt)
    {
        CachedObservation result;
        try
        {
            // Not cancelled by one probe's timeout: the other probes share this refresh.
            result = new CachedObservation(source.Observe(CancellationToken.None), null, startedAt);
        }
        catch (Exception ex) when (ex is PortDoctorException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            result = new CachedObservation(null, ex.Message, startedAt);
        }

        lock (_lock)
        {
            _last = result;
            _refresh = null;
        }

        return result;
    }
}
