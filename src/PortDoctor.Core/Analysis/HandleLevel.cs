namespace PortDoctor.Core.Analysis;

/// <summary>The guide's reading of a process's handle count.</summary>
public enum HandleLevel
{
    Normal,

    /// <summary>Over 3,000 handles.</summary>
    Suspicious,

    /// <summary>Over 10,000 handles: the likely culprit in a port exhaustion.</summary>
    LikelyCulprit,

    /// <summary>Over 3,000, but a system process that legitimately holds many.</summary>
    AllowListed,
}
