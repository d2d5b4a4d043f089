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


    /// <summary>The Process cell: the name, "(unknown)" for an owner without a readable name, null ("-") for no owner.</summary>
    public static string? ProcessCell(SocketEntry socket) =>
        socket.ProcessName ?? (socket.Pid is null ? null : UnknownName);

    public static IEnumerable<Note> For(IReadOnlyCollection<SocketEntry> sockets)
    {
        var ownerless = sockets.Where(s => s.Pid is null).ToList();
        if (ownerless.Count > 0)
        {
            var kernel = ownerless.Count(TimeWaitOwners.IsOrphaned);
            var others = ownerless.Count - kernel;
            yield return new Note(NoteKind.OwnerlessSockets)
            {
                Count = ownerless.Count,
                Numbers = new Dictionary<string, long>(StringComparer.Ordinal) { ["kernel"] = kernel, ["others"] = others },
            };
        }

        var nameless = sockets.Where(s => s.Pid is not null && s.ProcessName is null).ToList();
        if (nameless.Count > 0)
        {
            var pids = nameless.Select(s => s.Pid!.Value).Distinct().Order().ToList();
            yield return new Note(NoteKind.NamelessOwners) { Count = nameless.Count, Names = [.. pids.Select(p => p.ToString(CultureInfo.InvariantCulture))] };
        }
    }


}
