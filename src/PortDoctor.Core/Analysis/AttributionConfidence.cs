namespace PortDoctor.Core.Analysis;

/// <summary>How sure an inferred owner is (TIME_WAIT sockets have none of their own).</summary>
public enum AttributionConfidence
{
    None,
    Low,
    Medium,
    High,
}
