using PortDoctor.Core.Sources;

namespace PortDoctor.Monitoring.Tests;

/// <summary>A source that answers the nth observation (from 1) with the function given.</summary>
internal sealed class ScriptedSource(Func<int, CancellationToken, Observation> observe) : ISnapshotSource
{
    public int Calls { get; private set; }

    public Observation Observe(CancellationToken cancellationToken) => observe(++Calls, cancellationToken);
}
