namespace PortDoctor.Cli.Output.Json;

/// <summary>A process in a namespace; `container` as the cgroup path names it ("docker 3f4e5a6b7c8d", "pod UID (burstable), containerd ID"), null when none.</summary>
internal sealed record NamespaceProcessJson(int Pid, string Name, string? Container);
