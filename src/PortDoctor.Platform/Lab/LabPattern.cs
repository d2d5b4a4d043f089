namespace PortDoctor.Platform.Lab;

/// <summary>What the lab workload reproduces; <see cref="Healthy"/> is the control.</summary>
public enum LabPattern
{
    Bound,
    Established,
    CloseWait,
    TimeWait,
    Healthy,
}
