using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortDoctor.Core;
using PortDoctor.Core.Sources;

namespace PortDoctor.HealthChecks;

/// <summary>
/// One observation, judged once, shared by every probe for <c>lifetime</c>. The first probe after it expires starts
/// one refresh (snapshot and judgement) on the thread pool; until that ends, probes get the previous result while
/// it is less than two lifetimes old (so a probe at one per second never waits for the kernel), and otherwise all
/// await that same refresh. Never more than one refresh at a time, never more than one per lifetime.
/// </summary>
internal sealed class ObservationCache(ISnapshotSource source, Func<Observation, HealthCheckResult> judge, TimeProvider time, TimeSpan lifetime)
{
    private readonly Lock _lock = new();
    private CachedResult? _last;
    private Task<CachedResult>? _refresh;

    public Task<CachedResult> GetAsync()
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

    private CachedResult Refresh(DateTimeOffset startedAt)
    {
        HealthCheckResult result;
        try
        {
            // Not cancelled by one probe's timeout: the other probes share this refresh.
            result = judge(source.Observe(CancellationToken.None));
        }
        catch (Exception ex) when (ex is PortDoctorException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            result = EphemeralPortsAssessment.Unknown("the snapshot could not be taken: " + ex.Message);
        }
        catch
        {
            // An unexpected failure reaches the probes awaiting this refresh; the next probe tries again.
            lock (_lock)
            {
                _refresh = null;
            }

            throw;
        }

        var cached = new CachedResult(result, startedAt);
        lock (_lock)
        {
            _last = cached;
            _refresh = null;
        }

        return cached;
    }
}
