namespace PortDoctor.Evidence.Linux;

/// <summary>
/// What a process's cgroup path tells about its container: the runtime (docker, containerd, cri-o,
/// podman), the container id, and for Kubernetes the pod UID and QoS class. Pod and container
/// *names* are not in the cgroup path; the ids are what `crictl ps`/`docker ps` and `kubectl get pod -o yaml` match on.
/// </summary>
public sealed record ContainerIdentity(string Runtime, string? Id, string? PodUid = null, string? QosClass = null)
{
    /// <summary>"docker 3f4e5a6b7c8d", "pod 8e1f2a3b-... (burstable), containerd aabbccddeeff".</summary>
    public override string ToString()
    {
        var container = Id is null ? Runtime : $"{Runtime} {Id[..Math.Min(12, Id.Length)]}";
        return PodUid is null ? container : $"pod {PodUid} ({QosClass}), {container}";
    }
}
