using PortDoctor.Core.Model;

namespace PortDoctor.Platform;

/// <summary>
/// One network namespace found on the host and the processes living in it. <see cref="Own"/>: the
/// namespace PortDoctor itself runs in (the host's, unless it was started inside a container).
/// </summary>
public sealed record NamespaceMembers(NetworkNamespaceInfo Info, bool Own, IReadOnlyList<NamespaceProcess> Processes);
