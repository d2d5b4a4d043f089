namespace PortDoctor.Core.Analysis;

/// <summary>What a <see cref="Finding"/> is about; its wire name is in <see cref="AnalysisNames"/>.</summary>
public enum FindingKind
{
    ProbeFailed,
    ConfirmingEvents,
    PoolUsage,
    PoolFullOfTimeWait,
    PortsHeld,
    HandlesOverThreshold,
    OwnersUnreadable,
    NoOwnersInInput,
    CountedWithoutPorts,
    CulpritShare,
    Forecast,
    Growth,
    LogLines,
    PoolDetail,
    OrphanedSockets,
    KernelCounter,
    NoForecast,
    TraceFailures,
}
