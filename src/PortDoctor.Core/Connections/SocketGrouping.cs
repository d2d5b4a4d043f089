using System.Globalization;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Connections;

/// <summary>
/// Get-NetTCPConnection | Group-Object State,OwningProcess | Sort-Object Count -Descending:
/// groups sockets by the keys and sorts by count, largest first, then by the key values.
/// </summary>
public static class SocketGrouping
{
    /// <summary>Groups the sockets, and the counted sockets (whose addresses are unknown) with their counts.</summary>
    public static IReadOnlyList<SocketGroup> Group(IEnumerable<SocketEntry> sockets, IReadOnlyList<GroupKey> keys, IEnumerable<SocketCount>? counted = null)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        ArgumentNullException.ThrowIfNull(keys);
        var counts = new Dictionary<string, (string?[] Values, int Count)>(StringComparer.Ordinal);
        void Add(Func<GroupKey, string?> valueOf, int count)
        {
            var values = keys.Select(valueOf).ToArray();

            // \u0001 marks null so "unknown" and an empty name never merge.
            var id = string.Join('\u0000', values.Select(v => v ?? "\u0001"));
            counts[id] = counts.TryGetValue(id, out var existing) ? (existing.Values, existing.Count + count) : (values, count);
        }

        foreach (var socket in sockets)
        {
            Add(key => ValueOf(socket, key), 1);
        }

        foreach (var count in counted ?? [])
        {
            Add(key => key switch
            {
                GroupKey.State => count.State.ToDisplayName(),
                GroupKey.Process => count.ProcessName,
                GroupKey.Pid => count.Pid?.ToString(CultureInfo.InvariantCulture),
                _ => null,
            }, count.Count);
        }

        return
        [
            .. counts.Values
                .OrderByDescending(g => g.Count)
                .ThenBy(g => string.Join('\u0000', g.Values.Select(v => v ?? "\uffff")), StringComparer.Ordinal)
                .Select(g => new SocketGroup(g.Values, g.Count)),
        ];
    }

    public static string? ValueOf(SocketEntry socket, GroupKey key)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return key switch
        {
            GroupKey.State => socket.State.ToDisplayName(),
            GroupKey.Process => socket.ProcessName,
            GroupKey.Pid => socket.Pid?.ToString(CultureInfo.InvariantCulture),
            GroupKey.Remote => socket.Remote.ToString(),
            GroupKey.RemoteIp => socket.Remote.Address,
            _ => socket.Local.Address,
        };
    }
}
