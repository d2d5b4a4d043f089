using PortDoctor.Core.Model;

namespace PortDoctor.Core.Trends;

/// <summary>A TCP 4-tuple seen ESTABLISHED and the process that held it (start time null when unknown).</summary>
public sealed record ConnectionOwner(Endpoint Local, Endpoint Remote, int Pid, DateTimeOffset? ProcessStart);
