namespace PortDoctor.Cli.Output.Json;

/// <summary>One group: key name to value (null = unknown) and how many sockets share it.</summary>
internal sealed record SocketGroupJson(IReadOnlyDictionary<string, string?> Key, int Count);
