namespace PortDoctor.Cli.Output.Json;

/// <summary>
/// One socket in `connections --format json`, or (count over 1, no family, addresses or ports)
/// sockets a source gave only as a count. Field names and meanings are documented in docs/cli.md.
/// </summary>
internal sealed record SocketJson(
    string Protocol,
    string? Family,
    string State,
    string? LocalAddress,
    int? LocalPort,
    string? RemoteAddress,
    int? RemotePort,
    int? Pid,
    string? Process,
    long? Inode,
    int? Uid,
    int Count);
