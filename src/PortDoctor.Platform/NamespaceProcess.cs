using PortDoctor.Evidence.Linux;

namespace PortDoctor.Platform;

/// <summary>A process in a network namespace: pid, comm, and the container its cgroup path names (null: none named).</summary>
public sealed record NamespaceProcess(int Pid, string Name, ContainerIdentity? Container);
