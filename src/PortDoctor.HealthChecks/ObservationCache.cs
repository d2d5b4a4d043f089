using PortDoctor.Core;
using PortDoctor.Core.Sources;

namespace PortDoctor.HealthChecks;

/// <summary>
/// One observation shared by every probe for <c>lifetime</c>: the first probe after it expires starts one refresh
/// on the thread pool and every concurrent probe awaits that same task, so probes never stampede the kernel.
/// </summary>
internal sealed class ObservationCache(ISnapshotSource source, TimeProvider time, TimeSpan lifetime)
{
    private readonly Lock _lock = new();
    private Task<CachedObservation>? _current;
    private DateTimeOffset _startedAt;

    public Task<CachedObservation> GetAsync()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_current is { } current && (!current.IsCompleted || now - _startedAt < lifetime))
            {
                return current;
            }

            _startedAt = now;
            _current = Task.Run(Refresh);
            return _current;
        }
    }

    private CachedObservation Refresh()
    {
        try
        {
            // Not cancelled by one probe's timeout: the other probes share this refresh.
            return new CachedObservation(source.Observe(CancellationToken.None), null, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is PortDoctorException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return new CachedObservation(null, ex.Message, time.GetUtcNow());
        }
    }
}
