using PortDoctor.Core;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Core.Sources;

namespace PortDoctor.HealthChecks.Tests;

/// <summary>A snapshot source that counts its calls; it may wait on a gate (concurrent probes) or fail.</summary>
internal sealed class FixedSource(Snapshot snapshot) : ISnapshotSource
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public ManualResetEventSlim? Gate { get; init; }

    public string? Failure { get; init; }

    /// <summary>Calls that throw an exception the cache does not expect (a bug, not an unreadable host), counted down.</summary>
    public int UnexpectedFailures { get; set; }

    public Snapshot Snapshot { get; set; } = snapshot;

    public Observation Observe(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Gate?.Wait(TimeSpan.FromSeconds(30), cancellationToken);
        if (UnexpectedFailures > 0)
        {
            UnexpectedFailures--;
            throw new FormatException("unexpected failure in the snapshot source");
        }

        if (Failure is { } failure)
        {
            throw new PortDoctorException(failure, ExitCode.NoPermission);
        }

        return new Observation(Snapshot, new DiagnosisContext());
    }
}
