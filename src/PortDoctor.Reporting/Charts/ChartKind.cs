namespace PortDoctor.Reporting.Charts;

/// <summary>The report's charts.</summary>
public enum ChartKind
{
    /// <summary>The headline pool's utilization over time, with the forecast and its band.</summary>
    Utilization,

    /// <summary>The top processes' owned ports, stacked.</summary>
    Processes,

    /// <summary>Sockets per state.</summary>
    States,
}
