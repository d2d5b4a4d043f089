using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Core.Tests.Analysis;

/// <summary>
/// Capacity is the range minus the exclusions merged into disjoint intervals: overlapping, nested,
/// adjacent and repeated exclusions remove each port once (the per-port check they replace cost
/// exclusions x ports: 1 MB of exclusion lines took 14.7 s; bench/hostile-input.sh times it).
/// </summary>
public sealed class ExclusionMergeTests
{
    [Fact]
    public void Overlapping_nested_adjacent_and_repeated_exclusions_remove_each_port_once()
    {
        var fixture = SnapshotFixture.Linux(40000, 1000);
        fixture.Exclude(PortRange.FromBounds(40100, 40199))   // 100
            .Exclude(PortRange.FromBounds(40150, 40249))        // overlaps: +50
            .Exclude(PortRange.FromBounds(40120, 40130))        // nested: +0
            .Exclude(PortRange.FromBounds(40250, 40259))        // adjacent: +10
            .Exclude(PortRange.FromBounds(39000, 40009))        // starts before the range: +10
            .Exclude(PortRange.FromBounds(40990, 41500));       // ends after it: +10
        for (var i = 0; i < 5000; i++)
        {
            fixture.Exclude(PortRange.FromBounds(40100, 40199)); // repeated
        }

        var tcp = EphemeralAccounting.Compute(fixture.Build()).Single(u => u.Protocol == TransportProtocol.Tcp);

        Assert.Equal(1000 - 180, tcp.Capacity);
    }

    [Fact]
    public void Merge_gives_disjoint_intervals_in_port_order()
    {
        var merged = EphemeralAccounting.Merge([PortRange.FromBounds(50, 60), PortRange.FromBounds(10, 20), PortRange.FromBounds(21, 30), PortRange.FromBounds(55, 70), new PortRange(5, 0)]);

        Assert.Equal([(10, 30), (50, 70)], merged);
    }
}
