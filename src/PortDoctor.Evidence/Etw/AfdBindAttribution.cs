using PortDoctor.Core.Tracing;

namespace PortDoctor.Evidence.Etw;

/// <summary>
/// Joins AFD binds that failed with STATUS_TOO_MANY_ADDRESSES to the process that created their
/// endpoint (1000 carries the PID, 1029/1030 only the endpoint), as the guide's Netmon filter
/// cannot. An endpoint created before the capture began stays unattributed (PID 0).
/// </summary>
internal sealed class AfdBindAttribution
{
    private readonly Dictionary<ulong, uint> _owners = [];

    public long Unattributed { get; private set; }

    public void Created(AfdEndpointCreated created) => _owners[created.Endpoint] = created.ProcessId;

    /// <summary>The failure a bind reports, or null when it did not fail for want of a port.</summary>
    public AllocationFailure? Bound(AfdBindCompleted bind, DateTimeOffset at)
    {
        if (bind.Status != EtwPortEvents.StatusTooManyAddresses)
        {
            return null;
        }

        if (!_owners.TryGetValue(bind.Endpoint, out var pid))
        {
            Unattributed++;
        }

        var family = bind.Address?.AddressFamily switch
        {
            System.Net.Sockets.AddressFamily.InterNetwork => "IPv4",
            System.Net.Sockets.AddressFamily.InterNetworkV6 => "IPv6",
            _ => null,
        };
        return new AllocationFailure((int)pid, 0, string.Empty, AllocationSyscall.Bind, "STATUS_TOO_MANY_ADDRESSES", -1, family, at);
    }
}
