namespace PortDoctor.Evidence.Etw;

/// <summary>
/// The fields of an EVENT_RECORD that the port-failure decoders need: who raised the event, which one,
/// when, the payload's pointer size and where its user data lies in the tracing process.
/// </summary>
public readonly record struct EtwEventHeader(
    Guid Provider,
    int EventId,
    int Version,
    uint ProcessId,
    uint ThreadId,
    DateTimeOffset At,
    int PointerSize,
    int UserDataLength,
    ulong UserData,
    ulong UserContext);
