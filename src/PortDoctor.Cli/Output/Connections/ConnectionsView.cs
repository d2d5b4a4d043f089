using System.Globalization;
using System.Text.Json.Nodes;
using PortDoctor.Cli.Output;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Cli.Output.Notes;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Connections;
using PortDoctor.Core.Model;

namespace PortDoctor.Cli.Output.Connections;

/// <summary>The documents `connections` prints: the socket list, or the groups.</summary>
internal static class ConnectionsView
{
    private static readonly OutputColumn<ConnectionRow>[] TableColumns =
    [
        new("Proto", r => ProtocolLabel(r.Socket)),
        new("Local Address", r => r.Counted ? "?" : r.Socket.Local.ToString()),
        new("Foreign Address", r => r.Counted ? "?" : r.Socket.Remote.ToString()),
        new("State", r => r.Socket.State.ToDisplayName()),
        new("PID", r => Number(r.Socket.Pid)) { AlignRight = true },
        new("Process", r => ConnectionsOwnerNotes.ProcessCell(r.Socket)),
        new("Count", r => Number(r.Count)) { AlignRight = true },
    ];

    private static readonly OutputColumn<ConnectionRow>[] CsvColumns =
    [
        new("protocol", r => r.Socket.Protocol.ToName()),
        new("family", r => r.Counted ? null : r.Socket.Family.ToName()),
        new("state", r => r.Socket.State.ToDisplayName()),
        new("localAddress", r => r.Counted ? null : r.Socket.Local.Address),
        new("localPort", r => r.Counted ? null : Number(r.Socket.Local.Port)),
        new("remoteAddress", r => r.Counted ? null : r.Socket.Remote.Address),
        new("remotePort", r => r.Counted ? null : Number(r.Socket.Remote.Port)),
        new("pid", r => Number(r.Socket.Pid)),
        new("process", r => r.Socket.ProcessName),
        new("inode", r => r.Socket.Inode?.ToString(CultureInfo.InvariantCulture)),
        new("uid", r => Number(r.Socket.Uid)),
        new("count", r => Number(r.Count)),
    ];

    /// <summary>The sockets, then the counted sockets as one row per count (a `count` column says how many each row stands for).</summary>
    public static OutputDocument<ConnectionRow> Sockets(Snapshot snapshot, IReadOnlyList<SocketEntry> sockets, IReadOnlyList<SocketCount> counted, OutputFormat format)
    {
        List<ConnectionRow> rows = [.. sockets.Select(ConnectionRow.Of), .. counted.Select(ConnectionRow.Of)];
        var total = rows.Sum(r => (long)r.Count);
        var json = new ConnectionsJson(
            snapshot.Time,
            snapshot.Host,
            (int)Math.Min(total, int.MaxValue),
            [.. rows.Select(ToJson)],
                        AllNotes(snapshot))
        { Namespace = NamespaceJson.Of(snapshot.Namespace), NoteDetails = NoteView.ToJson(snapshot.Notes) };
        return new OutputDocument<ConnectionRow>(format == OutputFormat.Csv ? CsvColumns : TableColumns, rows, json, CliJsonContext.Readable.ConnectionsJson)
        {
            Title = NamespaceTitle(snapshot),
            Caption = Diagnose.FindingText.Count(total, "socket"),
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
                        AllNotes(snapshot))
        { Namespace = NamespaceJson.Of(snapshot.Namespace), NoteDetails = NoteView.ToJson(snapshot.Notes) };
        return new OutputDocument<SocketGroup>(columns, groups, json, CliJsonContext.Readable.ConnectionGroupsJson)
        {
            Title = NamespaceTitle(snapshot),
            Caption = $"{Diagnose.FindingText.Count(groups.Count, "group")}, {Diagnose.FindingText.Count(total, "socket")}",
        };
    }

    private static string? NamespaceTitle(Snapshot snapshot) => snapshot.Namespace is { } ns ? $"network namespace {ns}" : null;

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
        snapshot.PermissionProblem is { } problem ? [.. NoteText.Render(snapshot.Notes), problem] : NoteText.Render(snapshot.Notes);

    public static SocketJson ToJson(ConnectionRow r) => new(
        r.Socket.Protocol.ToName(),
        r.Counted ? null : r.Socket.Family.ToName(),
        r.Socket.State.ToDisplayName(),
        r.Counted ? null : r.Socket.Local.Address,
        r.Counted ? null : r.Socket.Local.Port,
        r.Counted ? null : r.Socket.Remote.Address,
        r.Counted ? null : r.Socket.Remote.Port,
        r.Socket.Pid,
        r.Socket.ProcessName,
        r.Socket.Inode,
        r.Socket.Uid,
        r.Count);

    private static string ProtocolLabel(SocketEntry s) => s.Protocol.ToName() + (s.Family == IpFamily.IPv6 ? "6" : "");

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
