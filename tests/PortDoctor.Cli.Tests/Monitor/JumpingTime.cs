namespace PortDoctor.Cli.Tests.Monitor;

/// <summary>
/// A clock on which no work takes time and every wait ends at once: a timer moves the clock to its
/// due time and fires on the thread pool. The monitor then takes exactly duration / interval samples
/// however slow the machine is (CI saw one sample in 3 s at 1 s on the real clock under load).
/// </summary>
internal sealed class JumpingTime(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new JumpingTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class JumpingTimer(JumpingTime owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan || _disposed)
            {
                return true;
            }

            lock (owner._gate)
            {
                owner._now += dueTime;
            }

            ThreadPool.QueueUserWorkItem(_ =>
            {
                if (!_disposed)
                {
                    callback(state);
                }
            });
            return true;
        }

        public void Dispose() => _disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
