namespace PortDoctor.History;

/// <summary>Why a write to the history failed in a way the next interval may not repeat.</summary>
internal enum HistoryFault
{
    /// <summary>Another connection held the database longer than the busy timeout.</summary>
    Busy,

    /// <summary>The disk, or the configured size limit, is full.</summary>
    Full,

    /// <summary>The OS reported an I/O error.</summary>
    IoError,

    /// <summary>The file or its directory became read-only.</summary>
    ReadOnly,
}
