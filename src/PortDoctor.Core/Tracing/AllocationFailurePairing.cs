namespace PortDoctor.Core.Tracing;

/// <summary>
/// Joins each failing exit to the same thread's last enter event (a thread is in one syscall at a
/// time), which tells the socket and its family, and keeps only the errno values that mean "no port".
/// </summary>
public sealed class AllocationFailurePairing(TraceClock clock)
{
    // Bounded: a host with a million threads making connects must not grow this without end.
    private const int MaxPendingThreads = 65_536;
    private readonly Dictionary<int, TraceRecord> _lastEnter = [];

    /// <summary>Failing exits with another errno (ECONNREFUSED, EINPROGRESS, ...): not about ports.</summary>
    public long OtherFailures { get; private set; }

    /// <summary>Port errnos on sockets that are not IP (a unix socket's bind gives EADDRINUSE too).</summary>
    public long NonIpFailures { get; private set; }

    /// <summary>The failure this record completes, or null.</summary>
    public AllocationFailure? Add(TraceRecord record)
    {
        switch (record.Kind)
        {
            case TraceEventKind.ConnectEnter or TraceEventKind.BindEnter:
                if (_lastEnter.Count >= MaxPendingThreads && !_lastEnter.ContainsKey(record.Tid))
                {
                    _lastEnter.Clear();
                }

                _lastEnter[record.Tid] = record;
                return null;
            default:
                return Complete(record);
        }
    }

    private AllocationFailure? Complete(TraceRecord exit)
    {
        var call = exit.Kind == TraceEventKind.ConnectExit ? AllocationSyscall.Connect : AllocationSyscall.Bind;
        var enterKind = call == AllocationSyscall.Connect ? TraceEventKind.ConnectEnter : TraceEventKind.BindEnter;
        var enter = _lastEnter.Remove(exit.Tid, out var e) && e.Kind == enterKind ? e : null;
        if (AllocationErrors.Name(call, exit.Return) is not { } errno)
        {
            OtherFailures++;
            return null;
        }

        var family = enter is null ? null : AllocationErrors.FamilyOf(enter.AddressLength);
        if (enter is not null && family is null)
        {
            NonIpFailures++;
            return null;
        }

        return new AllocationFailure(
            exit.Tgid ?? enter?.Tgid ?? exit.Tid,
            exit.Tid,
            exit.ThreadName,
            call,
            errno,
            enter?.Fd ?? -1,
            family,
            clock.ToWall(exit.Seconds));
    }
}
