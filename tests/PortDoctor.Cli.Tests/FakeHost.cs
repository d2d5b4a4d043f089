using PortDoctor.Core.Model;
using PortDoctor.Platform;
using PortDoctor.Platform.Probe;
using PortDoctor.Platform.Ranges;
using PortDoctor.Platform.Tracing;

namespace PortDoctor.Cli.Tests;

/// <summary>A known host for in-process CLI tests: a fixed snapshot, configuration and kernel evidence.</summary>
internal sealed record FakeHost : IHostPlatform
{
    public OsKind Os { get; init; } = OsKind.Linux;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string StateDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "portdoctor-fake-host-state");

    public ISnapshotCollector Collector { get; init; } = new FixedCollector(FixedCollector.Sample());

    public PortConfiguration PortConfiguration { get; init; } = new();

    public KernelEvidence Kernel { get; init; } = KernelEvidence.None;

    /// <summary>The probe's answers; by default the real outbound test, which stays on loopback unless targets are given.</summary>
    public Func<IReadOnlyList<ProbeTarget>, IReadOnlyList<ProbeResult>>? Probes { get; init; }

    public PortConfiguration ReadPortConfiguration() => PortConfiguration;

    public KernelEvidence ReadKernelEvidence(TimeSpan since, CancellationToken cancellationToken) => Kernel;

    public IReadOnlyList<ProbeResult> Probe(IReadOnlyList<ProbeTarget> targets, CancellationToken cancellationToken) =>
        Probes?.Invoke(targets) ?? new OutboundProbe(Os, TimeSpan.FromSeconds(3)).Run(targets, cancellationToken);

    /// <summary>The tracer's answer; by default one that saw no failure.</summary>
    public IAllocationTracer AllocationTracer { get; init; } = new FixedTracer();

    /// <summary>What collect bundles besides its own JSON; by default nothing.</summary>
    public IReadOnlyList<PortDoctor.Platform.Bundle.EvidenceItem> Items { get; init; } = [];

    public IReadOnlyList<PortDoctor.Platform.Bundle.EvidenceItem> EvidenceItems() => Items;

    /// <summary>`collect --dump`: none unless a test gives one.</summary>
    public PortDoctor.Platform.Dump.IProcessDumper? Dumper { get; init; }

    public PortDoctor.Platform.Dump.IProcessDumper ProcessDumper => Dumper ?? throw new NotSupportedException("the fake host dumps no process");

    public IPortRangeSetter CreateRangeSetter() => throw new NotSupportedException("the fake host changes no range");

    public IDisposable CreateLabNamespace(string name, PortRange range) => throw new NotSupportedException("the fake host has no lab");
}
