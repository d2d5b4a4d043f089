namespace PortDoctor.Core.Connections;

/// <summary>One group: its key values in the order asked for (null = unknown, e.g. TIME_WAIT's process) and its size.</summary>
public sealed record SocketGroup(IReadOnlyList<string?> Values, int Count);
