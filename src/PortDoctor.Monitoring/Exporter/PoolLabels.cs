using PortDoctor.Core.Analysis;
using PortDoctor.Core.Trends;

namespace PortDoctor.Monitoring.Exporter;

/// <summary>
/// The labels of one pool: protocol, family and scope. Linux has one port space per protocol for
/// both families (family "any", scope "shared"); Windows one per protocol and family (scope "family").
/// </summary>
internal static class PoolLabels
{
    public static readonly string[] Names = ["protocol", "family", "scope"];

    public static string[] Of(PoolSample pool) =>
        [pool.Protocol.ToName(), pool.Family.ToName() ?? "any", pool.Family is null ? "shared" : "family"];

    public static string[] With(PoolSample pool, params string[] more) => [.. Of(pool), .. more];
}
