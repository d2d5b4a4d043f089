using PortDoctor.Core.Trends;
using PortDoctor.History;

namespace PortDoctor.Monitoring.Tests;

/// <summary>A store that keeps samples in memory and fails the writes it is told to fail.</summary>
internal sealed class FakeStore : ISampleStore
{
    public List<HostSample> Samples { get; } = [];

    public Func<int, Exception?> FailAppend { get; init; } = _ => null;

    /// <summary>How many retention steps still have more to do.</summary>
    public int PendingSteps { get; set; }

    public int Steps { get; private set; }

    private int _appends;

    public void Append(HostSample sample)
    {
        if (FailAppend(++_appends) is { } fault)
        {
            throw fault;
        }

        Samples.Add(sample);
    }

    public MaintenanceStep Maintain(DateTimeOffset now)
    {
        Steps++;
        PendingSteps = Math.Max(0, PendingSteps - 1);
        return new MaintenanceStep(1, 0, 0, TimeSpan.Zero, PendingSteps > 0);
    }
}
