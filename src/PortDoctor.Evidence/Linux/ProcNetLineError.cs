namespace PortDoctor.Evidence.Linux;

/// <summary>A line of a /proc/net table that could not be read: where, and why.</summary>
public sealed record ProcNetLineError(string Source, int Line, string Reason)
{
    /// <summary>"file:line: reason", the form every user-facing error takes.</summary>
    public override string ToString() => $"{Source}:{Line}: {Reason}";
}
