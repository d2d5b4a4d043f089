using System.Globalization;
using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;
using PortDoctor.Platform.Linux.Interop;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// Every network namespace on the host: the inodes of /proc/*/ns/net, deduplicated, plus the names
/// under /run/netns (which may have no process at all). Processes whose ns link cannot be read
/// (another PID namespace's view, or vanished) are skipped and counted.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class LinuxNamespaceList
{
    private const string RunNetns = "/run/netns";

    public static IReadOnlyList<NamespaceMembers> List(out int unreadable)
    {
        var members = new Dictionary<ulong, List<NamespaceProcess>>();
        unreadable = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (InodeOfLink(Path.Combine(directory, "ns", "net")) is not { } inode)
            {
                unreadable++;
                continue;
            }

            if (!members.TryGetValue(inode, out var list))
            {
                members[inode] = list = [];
            }

            list.Add(new NamespaceProcess(pid, ReadOrEmpty(Path.Combine(directory, "comm")), CgroupContainer.Parse(ReadOrEmpty(Path.Combine(directory, "cgroup")))));
        }

        var names = Named();
        var own = InodeOfLink("/proc/thread-self/ns/net");
        var result = new List<NamespaceMembers>();
        foreach (var inode in members.Keys.Union(names.Keys))
        {
            var processes = members.GetValueOrDefault(inode) ?? [];
            var info = names.TryGetValue(inode, out var name)
                ? new NetworkNamespaceInfo(name, Path.Combine(RunNetns, name), inode)
                : new NetworkNamespaceInfo(null, string.Create(CultureInfo.InvariantCulture, $"/proc/{processes[0].Pid}/ns/net"), inode);
            result.Add(new NamespaceMembers(info, inode == own, processes));
        }

        return result;
    }

    /// <summary>"net:[4026531840]" of a /proc ns link, as a number; null when unreadable.</summary>
    internal static ulong? InodeOfLink(string path)
    {
        try
        {
            var target = new FileInfo(path).LinkTarget;
            return target is not null && target.StartsWith("net:[", StringComparison.Ordinal) && target.EndsWith(']')
                && ulong.TryParse(target.AsSpan(5, target.Length - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
                ? inode
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The /run/netns names by namespace inode (a bind mount's inode is the namespace's); the first name wins.</summary>
    private static Dictionary<ulong, string> Named()
    {
        var names = new Dictionary<ulong, string>();
        if (!Directory.Exists(RunNetns))
        {
            return names;
        }

        foreach (var file in Directory.EnumerateFiles(RunNetns).Order(StringComparer.Ordinal))
        {
            var fd = Libc.OpenPath(file, Libc.ORdonly | Libc.OCloexec);
            if (fd < 0)
            {
                continue;
            }

            // A name left by a crashed `ip netns add` is an empty file, not nsfs: not a namespace.
            if (Libc.FileSystemType(fd) == Libc.NsfsMagic && Libc.Inode(fd) is { } inode)
            {
                names.TryAdd(inode, Path.GetFileName(file));
            }

            Libc.close(fd);
        }

        return names;
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
