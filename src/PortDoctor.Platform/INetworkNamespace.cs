using PortDoctor.Core.Model;

namespace PortDoctor.Platform;

/// <summary>
/// An opened network namespace (Linux). <see cref="Run{T}"/> does the work on a dedicated thread that
/// has entered the namespace (setns), so netlink sockets and /proc/sys/net opened there are the
/// namespace's; the caller's threads stay where they are.
/// </summary>
public interface INetworkNamespace : IDisposable
{
    NetworkNamespaceInfo Info { get; }

    /// <summary>Runs <paramref name="work"/> inside the namespace and returns its result; its exception leaves as thrown.</summary>
    T Run<T>(Func<T> work);
}
