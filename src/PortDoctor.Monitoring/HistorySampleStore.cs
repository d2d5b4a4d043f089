using PortDoctor.Core.Trends;
using PortDoctor.History;

namespace PortDoctor.Monitoring;

/// <summary>The history file as the sampler's store.</summary>
public sealed class HistorySampleStore(HistoryStore store) : ISampleStore
{
    public void Append(HostSample sample) => store.Append(sample);

    public MaintenanceStep Maintain(DateTimeOffset now) => store.Maintain(now);
}
