namespace PortDoctor.Core.Analysis;

/// <summary>diagnose's one answer; its exit code is the enum value.</summary>
public enum Verdict
{
    Healthy = 0,
    AtRisk = 1,
    Exhausted = 2,
}
