namespace PortDoctor.Platform.Lab;

public enum LabServerMode
{
    /// <summary>Keep every accepted connection open.</summary>
    Hold,

    /// <summary>Close each accepted connection immediately.</summary>
    CloseAtOnce,

    /// <summary>Close each accepted connection once the client has closed its end.</summary>
    CloseAfterPeer,
}
