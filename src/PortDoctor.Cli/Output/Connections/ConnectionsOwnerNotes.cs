using System.Globalization;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;

namespace PortDoctor.Cli.Output.Connections;

/// <summary>
/// Why a listed socket shows no process name: it has no owning process at all (the table's "-"),
/// or its owner's name could not be read (the table's "(unknown)").
/// </summary>
internal static class ConnectionsOwnerNotes
{
    public const string UnknownName = "(unknown)";
    private const int ListedPids = 5;

    /// <summary>The Process cell: the name, "(unknown)" for an owner without a readable name, null ("-") for no owner.</summary>
    public static string? ProcessCell(SocketEntry socket) =>
        socket.ProcessName ?? (socket.Pid is null ? null : UnknownName);

    public static IEnumerable<string> For(IReadOnlyCollection<SocketEntry> sockets)
    {
        var ownerless = sockets.Where(s => s.Pid is null).ToList();
        if (ownerless.Count > 0)
        {
            var kernel = ownerless.Count(TimeWaitOwners.IsOrphaned);
            var others = ownerless.Count - kernel;
            var parts = new List<string>();
            if (kernel > 0)
            {
                parts.Add(Invariant($"{kernel} TIME_WAIT or closing: the kernel keeps them after their process closed them"));
            }

            if (others > 0)
            {
                parts.Add(Invariant($"{others} whose owner was not found: another user's process without the privilege to see it, or opened or closed while reading"));
            }

            yield return Invariant($"{Sockets(ownerless.Count)} {(ownerless.Count == 1 ? "has" : "have")} no owning process ({string.Join("; ", parts)}); shown with PID and Process \"-\"");
        }

        var nameless = sockets.Where(s => s.Pid is not null && s.ProcessName is null).ToList();
        if (nameless.Count > 0)
        {
            var pids = nameless.Select(s => s.Pid!.Value).Distinct().Order().ToList();
            var listed = string.Join(", ", pids.Take(ListedPids).Select(p => p.ToString(CultureInfo.InvariantCulture)));
            var more = pids.Count > ListedPids ? Invariant($" and {pids.Count - ListedPids} more") : "";
            var noun = pids.Count == 1 ? "PID" : "PIDs";
            yield return Invariant($"{Sockets(nameless.Count)} {(nameless.Count == 1 ? "belongs" : "belong")} to a process whose name could not be read ({noun} {listed}{more}): it exited while the snapshot was taken, or the source gives no names; shown as {UnknownName}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Sockets(int count) => count == 1 ? "1 socket" : Invariant($"{count} sockets");
}
