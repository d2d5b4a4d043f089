using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

public static partial class EphemeralAccounting
{
    /// <summary>
    /// One pool and what its accounting reads besides the sockets: the range, the ports taken out of
    /// it (merged), and for Linux TCP the tcp_tw_reuse setting (empty for the other pools).
    /// </summary>
    internal sealed record PoolSetup(
        TransportProtocol Protocol,
        IpFamily? Family,
        PortRange Range,
        List<(int Start, int End)> Excluded,
        bool IsLinuxTcp,
        string TwReuse)
    {
        /// <summary>Whether the accounting of <paramref name="other"/> counts the same sockets the same way.</summary>
        public bool SameAs(PoolSetup other) =>
            Protocol == other.Protocol && Family == other.Family && Range == other.Range && IsLinuxTcp == other.IsLinuxTcp &&
            TwReuse == other.TwReuse && Excluded.SequenceEqual(other.Excluded);
    }
}
