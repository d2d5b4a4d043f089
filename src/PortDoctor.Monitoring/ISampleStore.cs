using PortDoctor.Core.Trends;
using PortDoctor.History;

namespace PortDoctor.Monitoring;

/// <summary>Where the sampler puts its samples: the history file, or a fake in tests.</summary>
public interface ISampleStore
{
    /// <summary>Stores one sample whole or not at all.</summary>
    void Append(HostSample sample);

    /// <summary>One bounded retention step relative to <paramref name="now"/>.</summary>
    MaintenanceStep Maintain(DateTimeOffset now);
}
