using System.Text.RegularExpressions;

namespace PortDoctor.Evidence.Linux;

/// <summary>
/// Reads /proc/PID/cgroup text ("hierarchy:controllers:path" per line; cgroup v2 is the "0::" line)
/// for the container the process runs in. Pure; the layouts are those of the systemd and cgroupfs
/// drivers of docker, containerd (CRI and nerdctl), cri-o, podman, and the kubelet's kubepods tree.
/// </summary>
public static partial class CgroupContainer
{
    /// <summary>The container, or null for a process in no container the path names (a host service or session).</summary>
    public static ContainerIdentity? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ContainerIdentity? found = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var second = colon < 0 ? -1 : line.IndexOf(':', colon + 1);
            if (second < 0)
            {
                continue;
            }

            // v1 lists one line per controller, all naming the same container: the first that tells is enough.
            found = FromPath(line[(second + 1)..]);
            if (found is not null)
            {
                break;
            }
        }

        return found;
    }

    private static ContainerIdentity? FromPath(string path)
    {
        var pod = Pod().Match(path);
        var scope = Scope().Match(path);
        string? runtime = null;
        string? id = null;
        if (scope.Success)
        {
            runtime = scope.Groups[1].Value switch
            {
                "cri-containerd" => "containerd",
                "crio" => "cri-o",
                "libpod" => "podman",
                var other => other,
            };
            id = scope.Groups[2].Value;
        }
        else if (Cgroupfs().Match(path) is { Success: true } plain)
        {
            // cgroupfs driver: /docker/ID, /kubepods/QOS/podUID/ID (runtime unnamed), containerd's /NAMESPACE/ID.
            runtime = plain.Groups[1].Value switch
            {
                "docker" => "docker",
                _ when pod.Success => "container",
                var ns => $"containerd ({ns})",
            };
            id = plain.Groups[2].Value;
        }

        if (!pod.Success)
        {
            return runtime is null ? null : new ContainerIdentity(runtime, id);
        }

        var qos = path.Contains("besteffort", StringComparison.Ordinal) ? "besteffort"
            : path.Contains("burstable", StringComparison.Ordinal) ? "burstable"
            : "guaranteed";
        return new ContainerIdentity(runtime ?? "container", id, pod.Groups[1].Value.Replace('_', '-'), qos);
    }

    [GeneratedRegex(@"kubepods.*?pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})")]
    private static partial Regex Pod();

    [GeneratedRegex(@"(docker|cri-containerd|crio|libpod)-([0-9a-f]{64})\.scope")]
    private static partial Regex Scope();

    [GeneratedRegex(@"/([A-Za-z0-9._-]+)/([0-9a-f]{64})(?:/|$)")]
    private static partial Regex Cgroupfs();
}
