using PortDoctor.Core.Model;

namespace PortDoctor.Core.Trends.Reporting;

/// <summary>
/// The headline pool's sockets per state at one sample, in the groups the report charts stacked:
/// ESTABLISHED, TIME_WAIT, CLOSE_WAIT, FIN_WAIT_1/2 together, and every other state (BOUND,
/// SYN_SENT, LAST_ACK, CLOSING, LISTEN and UDP's unconnected sockets in the range) as Other.
/// </summary>
public sealed record StateSample(DateTimeOffset Time, int Established, int TimeWait, int CloseWait, int FinWait, int Other)
{
    /// <summary>Groups <paramref name="byState"/> (every state counts somewhere, so the stack's height is the pool's sockets).</summary>
    public static StateSample From(DateTimeOffset time, IReadOnlyDictionary<SocketState, int> byState)
    {
        ArgumentNullException.ThrowIfNull(byState);
        int established = 0, timeWait = 0, closeWait = 0, finWait = 0, other = 0;
        foreach (var (state, count) in byState)
        {
            switch (state)
            {
                case SocketState.Established: established += count; break;
                case SocketState.TimeWait: timeWait += count; break;
                case SocketState.CloseWait: closeWait += count; break;
                case SocketState.FinWait1 or SocketState.FinWait2: finWait += count; break;
                default: other += count; break;
            }
        }

        return new StateSample(time, established, timeWait, closeWait, finWait, other);
    }
}
