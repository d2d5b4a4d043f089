using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>TIME_WAIT sockets toward one remote endpoint, the process inferred to have owned them, and how sure that is.</summary>
public sealed record TimeWaitAttribution(int? Pid, string? Process, Endpoint Remote, int Count, AttributionConfidence Confidence, string Basis);
