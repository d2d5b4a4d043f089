using System.Globalization;
using System.Text.Json.Nodes;
using PortDoctor.Cli.Output;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Core.Connections;
using PortDoctor.Core.Model;

namespace PortDoctor.Cli.Commands;

/// <summary>The documents `connections` prints: the socket list, or the groups.</summary>
internal static class ConnectionsView
{
    private static readonly OutputColumn<SocketEntry>[] TableColumns =
    [
        new("Proto", s => ProtocolLabel(s)),
        new("Local Address", s => s.Local.ToString()),
        new("Foreign Address", s => s.Remote.ToString()),
        new("State", s => s.State.ToDisplayName()),
        new("PID", s => Number(s.Pid)) { AlignRight = true },
        new("Process", ConnectionsOwnerNotes.ProcessCell),
    ];

    private static readonly OutputColumn<SocketEntry>[] CsvColumns =
    [
        new("protocol", s => Protocol(s.Protocol)),
        new("family", s => Family(s.Family)),
        new("state", s => s.State.ToDisplayName()),
        new("localAddress", s => s.Local.Address),
        new("localPort", s => Number(s.Local.Port)),
        new("remoteAddress", s => s.Remote.Address),
        new("remotePort", s => Number(s.Remote.Port)),
        new("pid", s => Number(s.Pid)),
        new("process", s => s.ProcessName),
        new("inode", s => s.Inode?.ToString(CultureInfo.InvariantCulture)),
        new("uid", s => Number(s.Uid)),
    ];

    public static OutputDocument<SocketEntry> Sockets(Snapshot snapshot, IReadOnlyList<SocketEntry> sockets, OutputFormat format)
    {
        var json = new ConnectionsJson(
            snapshot.Time,
            snapshot.Host,
            sockets.Count,
            [.. sockets.Select(ToJson)],
            AllNotes(snapshot));
        return new OutputDocument<SocketEntry>(format == OutputFormat.Csv ? CsvColumns : TableColumns, sockets, json, CliJsonContext.Readable.ConnectionsJson)
        {
            Caption = string.Create(CultureInfo.InvariantCulture, $"{sockets.Count} sockets"),
        };
    }

    public static OutputDocument<SocketGroup> Groups(Snapshot snapshot, IReadOnlyList<GroupKey> keys, IReadOnlyList<SocketGroup> groups, OutputFormat format)
    {
        var names = keys.Select(k => k.ToName()).ToList();
        var columns = new List<OutputColumn<SocketGroup>>();
        for (var i = 0; i < keys.Count; i++)
        {
            var index = i;
            var header = format == OutputFormat.Csv ? names[i] : TableHeader(keys[i]);
            columns.Add(new OutputColumn<SocketGroup>(header, g => g.Values[index]));
        }

        columns.Add(new OutputColumn<SocketGroup>(format == OutputFormat.Csv ? "count" : "Count", g => Number(g.Count)) { AlignRight = true });
        var total = groups.Sum(g => g.Count);
        var json = new ConnectionGroupsJson(
            snapshot.Time,
            snapshot.Host,
            names,
            total,
            [.. groups.Select(g => new SocketGroupJson(KeyJson(keys, names, g), g.Count))],
            AllNotes(snapshot));
        return new OutputDocument<SocketGroup>(columns, groups, json, CliJsonContext.Readable.ConnectionGroupsJson)
        {
            Caption = string.Create(CultureInfo.InvariantCulture, $"{groups.Count} groups, {total} sockets"),
        };
    }

    /// <summary>Each key's value in its JSON type: pid as a number, the rest as strings, null when unknown.</summary>
    private static Dictionary<string, JsonNode?> KeyJson(IReadOnlyList<GroupKey> keys, IReadOnlyList<string> names, SocketGroup group)
    {
        var key = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var value = group.Values[i];
            key[names[i]] = value is null ? null
                : keys[i] == GroupKey.Pid ? JsonValue.Create(int.Parse(value, CultureInfo.InvariantCulture))
                : JsonValue.Create(value);
        }

        return key;
    }

    /// <summary>Notes plus the permission problem, so JSON readers see why owners are missing.</summary>
    public static IReadOnlyList<string> AllNotes(Snapshot snapshot) =>
        snapshot.PermissionProblem is { } problem ? [.. snapshot.Notes, problem] : snapshot.Notes;

    public static SocketJson ToJson(SocketEntry s) => new(
        Protocol(s.Protocol),
        Family(s.Family),
        s.State.ToDisplayName(),
        s.Local.Address,
        s.Local.Port,
        s.Remote.Address,
        s.Remote.Port,
        s.Pid,
        s.ProcessName,
        s.Inode,
        s.Uid);

    public static string Protocol(TransportProtocol protocol) => protocol == TransportProtocol.Tcp ? "tcp" : "udp";

    public static string Family(IpFamily family) => family == IpFamily.IPv4 ? "ipv4" : "ipv6";

    private static string ProtocolLabel(SocketEntry s) => Protocol(s.Protocol) + (s.Family == IpFamily.IPv6 ? "6" : "");

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string TableHeader(GroupKey key) => key switch
    {
        GroupKey.State => "State",
        GroupKey.Process => "Process",
        GroupKey.Pid => "PID",
        GroupKey.Remote => "Remote",
        GroupKey.RemoteIp => "Remote IP",
        _ => "Local IP",
    };
}
