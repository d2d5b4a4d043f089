using PortDoctor.Core.Tracing;

namespace PortDoctor.Evidence.Etw;

/// <summary>
/// The Windows side of a failure trace, fed event by event (live or from an ETL): AFD endpoint creations
/// are remembered, AFD binds that failed with STATUS_TOO_MANY_ADDRESSES and TCPIP 1050 connects that
/// failed on port acquisition are added up per process. A payload that does not decode is counted, not fatal.
/// </summary>
public sealed class EtwPortFailures(IReadOnlyCollection<int> pids, Func<int, string?> processName)
{
    private readonly AfdBindAttribution _afd = new();
    private readonly FailureTally _tally = new(processName);

    /// <summary>Events of our providers whose payload was shorter than its manifest's fields.</summary>
    public long Malformed { get; private set; }

    /// <summary>Port failures whose process could not be told (endpoint created before the trace, in System's context): counted under PID 0.</summary>
    public long Unattributed { get; private set; }

    /// <summary>TCPIP 1050 with a status other than a port shortage (reported as other failures).</summary>
    public long OtherFailures { get; private set; }

    public IReadOnlyList<ProcessFailures> Processes() => _tally.Processes();

    public void Add(in EtwEventHeader header, ReadOnlySpan<byte> userData)
    {
        try
        {
            if (header.Provider == EtwPortEvents.AfdProvider)
            {
                Afd(header, userData);
            }
            else if (header.Provider == EtwPortEvents.TcpipProvider && header.EventId == 1050)
            {
                Connect(header, EtwPortEvents.TcpipConnectFailure(userData));
            }
        }
        catch (Core.PortDoctorException)
        {
            Malformed++;
        }
    }

    private void Afd(in EtwEventHeader header, ReadOnlySpan<byte> userData)
    {
        switch (header.EventId)
        {
            case 1000:
                _afd.Created(EtwPortEvents.AfdCreateOpen(userData, header.PointerSize));
                break;
            case 1029 or 1030:
                var before = _afd.Unattributed;
                if (_afd.Bound(EtwPortEvents.AfdBind(header.EventId, userData, header.PointerSize), header.At) is not { } failure)
                {
                    return;
                }

                // AFD raises the bind in the caller's thread, so the header's PID stands in for an endpoint
                // created before the trace; System (4) and Idle (0) are not callers.
                if (_afd.Unattributed > before)
                {
                    if (header.ProcessId <= 4)
                    {
                        Unattributed++;
                    }
                    else
                    {
                        failure = failure with { Pid = (int)header.ProcessId };
                    }
                }

                Count(failure with { Tid = (int)header.ThreadId });
                break;
        }
    }

    private void Connect(in EtwEventHeader header, TcpipConnectFailed connect)
    {
        if (EtwPortEvents.StatusName(connect.Status) is not { } status)
        {
            OtherFailures++;
            return;
        }

        var family = connect.Remote?.AddressFamily switch
        {
            System.Net.Sockets.AddressFamily.InterNetwork => "IPv4",
            System.Net.Sockets.AddressFamily.InterNetworkV6 => "IPv6",
            _ => null,
        };
        Count(new AllocationFailure((int)connect.ProcessId, (int)header.ThreadId, string.Empty, AllocationSyscall.Connect, status, -1, family, header.At));
    }

    private void Count(AllocationFailure failure)
    {
        if (pids.Count == 0 || pids.Contains(failure.Pid))
        {
            _tally.Add(failure);
        }
    }
}
