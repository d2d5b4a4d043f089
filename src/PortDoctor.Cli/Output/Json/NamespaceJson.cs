using PortDoctor.Core.Model;

namespace PortDoctor.Cli.Output.Json;

/// <summary>The network namespace read (`--netns`, `--pid`): its /run/netns name (null when none), the nsfs path, the inode.</summary>
internal sealed record NamespaceJson(string? Name, string Path, ulong Inode)
{
    public static NamespaceJson? Of(NetworkNamespaceInfo? info) => info is null ? null : new(info.Name, info.Path, info.Inode);
}
