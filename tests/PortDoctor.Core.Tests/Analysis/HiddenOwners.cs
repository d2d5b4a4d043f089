using PortDoctor.Core.Model;

namespace PortDoctor.Core.Tests.Analysis;

/// <summary>A snapshot as an unprivileged collector reports it: some owners unreadable.</summary>
internal static class HiddenOwners
{
    public static Snapshot Hidden(this Snapshot snapshot, int sockets) =>
        snapshot with { PermissionProblem = $"{sockets} sockets have no owner", UnreadableOwners = sockets };
}
