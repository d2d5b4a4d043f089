namespace PortDoctor.Tests.Shared;

/// <summary>
/// How long a test class takes, in seconds measured alone on the 2-core machine: what
/// <see cref="SlowFirst"/> orders by. Only the order matters, so a rough figure is enough.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TakesAttribute(double seconds) : Attribute
{
    public double Seconds { get; } = seconds;
}
