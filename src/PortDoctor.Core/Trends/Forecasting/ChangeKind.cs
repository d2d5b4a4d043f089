namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>What changed at a change point (wire names in <see cref="ForecastNames"/>).</summary>
public enum ChangeKind
{
    /// <summary>A new process instance (PID or start time) took over the series.</summary>
    Restart,

    /// <summary>The count fell abruptly (a reset, a pool drained, a restart not seen as one).</summary>
    Drop,

    /// <summary>The level stepped up (or down) and stayed: churn started, a deploy, a new workload.</summary>
    LevelShift,

    /// <summary>The pool's capacity changed (ip_local_port_range, dynamicport).</summary>
    RangeChange,
}
