using System.Globalization;

namespace PortDoctor.Core.Model;

/// <summary>
/// A Linux network namespace the sockets and sysctls were read in: its name under /run/netns
/// (null when it has none), the nsfs path it was opened by, and its inode (what `ls -L -i` and
/// /proc/PID/ns/net's "net:[inode]" show; the one identity two paths share).
/// </summary>
public sealed record NetworkNamespaceInfo(string? Name, string Path, ulong Inode)
{
    /// <summary>"name" when it has one, else "net:[inode]": the history's and metrics' namespace label.</summary>
    public string Label => Name ?? string.Create(CultureInfo.InvariantCulture, $"net:[{Inode}]");

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Name is null ? "" : Name + " ")}({Path}, inode {Inode})");
}
