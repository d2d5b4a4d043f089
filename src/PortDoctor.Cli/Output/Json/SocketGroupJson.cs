using System.Text.Json.Nodes;

namespace PortDoctor.Cli.Output.Json;

/// <summary>One group: key name to value (a number for pid, else a string; null = unknown) and how many sockets share it.</summary>
internal sealed record SocketGroupJson(IReadOnlyDictionary<string, JsonNode?> Key, int Count);
