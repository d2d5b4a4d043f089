using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux.Interop;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// A network namespace held open by its nsfs file descriptor. Work runs on a new thread that calls
/// setns(fd, CLONE_NEWNET) first: setns changes only the calling thread, so the process's other
/// threads stay in the caller's namespace. Threads made by that thread are in the namespace for life:
/// the work starts none of the runtime's (<see cref="OwnThreads"/>).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LinuxNetworkNamespace : INetworkNamespace
{
    private const string RunNetns = "/run/netns";
    private static int _socketEngineStarted;
    private readonly int _fd;

    private LinuxNetworkNamespace(int fd, NetworkNamespaceInfo info)
    {
        _fd = fd;
        Info = info;
    }

    public NetworkNamespaceInfo Info { get; }

    /// <summary>Opens a name under /run/netns, or any path (a /run/netns bind mount, /proc/PID/ns/net).</summary>
    public static LinuxNetworkNamespace Open(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        var isPath = nameOrPath.Contains('/', StringComparison.Ordinal);
        if (!isPath && nameOrPath is "." or "..")
        {
            throw new PortDoctorException($"--netns {nameOrPath}: not a namespace name", ExitCode.BadInput);
        }

        var path = isPath ? nameOrPath : Path.Combine(RunNetns, nameOrPath);
        var fd = Libc.OpenPath(path, Libc.ORdonly | Libc.OCloexec);
        if (fd < 0)
        {
            throw OpenFailed(nameOrPath, path, Marshal.GetLastPInvokeError());
        }

        var problem = Libc.FileSystemType(fd) != Libc.NsfsMagic
            ? $"{path} is not a namespace file (nsfs); give a name under {RunNetns} or a path such as /proc/PID/ns/net"
            : Libc.NamespaceType(fd) is { } type and not Libc.CloneNewNet
                ? $"{path} is a {TypeName(type)} namespace, not a network namespace"
                : null;
        if (problem is not null)
        {
            Libc.close(fd);
            throw new PortDoctorException($"--netns {nameOrPath}: {problem}", ExitCode.BadInput);
        }

        var name = isPath && Path.GetDirectoryName(path) == RunNetns ? Path.GetFileName(path) : isPath ? null : nameOrPath;
        return new LinuxNetworkNamespace(fd, new NetworkNamespaceInfo(name, path, Libc.Inode(fd) ?? 0));
    }

    public T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);

        // The thread ends with the work: its namespace goes with it, never back to a pool (and what the
        // work starts beside it uses OwnThreads, whose threads end with it too).
        StartSocketEngineHere();
        return OwnThreads.Start("netns " + Info.Label, () =>
        {
            Enter();
            return work();
        }).Join();
    }

    public void Dispose() => Libc.close(_fd);

    /// <summary>
    /// The process's first <see cref="Socket"/> starts the runtime's socket event-loop thread, which lives
    /// as long as the process: make it on this thread, in the caller's namespace, before the work (the
    /// outbound test opens Sockets) can make it inside the namespace (see <see cref="OwnThreads"/>).
    /// </summary>
    private static void StartSocketEngineHere()
    {
        if (Interlocked.Exchange(ref _socketEngineStarted, 1) != 0)
        {
            return;
        }

        try
        {
            using var first = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        }
        catch (SocketException)
        {
            // No IPv4 sockets at all: the work makes none either.
        }
    }

    private void Enter()
    {
        if (Libc.setns(_fd, Libc.CloneNewNet) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new PortDoctorException(
                errno == Libc.Eperm
                    ? $"--netns {Info.Path}: entering a network namespace needs root (CAP_SYS_ADMIN)"
                    : $"--netns {Info.Path}: setns failed: {Marshal.GetPInvokeErrorMessage(errno)}",
                errno == Libc.Eperm ? ExitCode.NoPermission : ExitCode.Unavailable);
        }
    }

    private static PortDoctorException OpenFailed(string given, string path, int errno)
    {
        var pid = ProcPid().Match(path);
        return errno switch
        {
            Libc.Enoent or Libc.Esrch when pid.Success => new($"--pid {pid.Groups[1].Value}: no such process", ExitCode.Unavailable),
            Libc.Enoent => new($"--netns {given}: {path} does not exist (named namespaces are under {RunNetns}: ip netns list)", ExitCode.Unavailable),
            Libc.Eacces or Libc.Eperm => new($"--netns {given}: cannot open {path}: permission denied (run as root)", ExitCode.NoPermission),
            _ => new($"--netns {given}: cannot open {path}: {Marshal.GetPInvokeErrorMessage(errno)}", ExitCode.BadInput),
        };
    }

    private static string TypeName(int type) => type switch
    {
        0x20000 => "mount",
        0x02000000 => "cgroup",
        0x04000000 => "uts",
        0x08000000 => "ipc",
        0x10000000 => "user",
        0x20000000 => "pid",
        0x80 => "time",
        _ => "non-network",
    };

    [GeneratedRegex(@"^/proc/(\d+)/ns/net$")]
    private static partial Regex ProcPid();
}
