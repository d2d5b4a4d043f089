using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Sources;

/// <summary>One look at a host: the snapshot, and what a diagnosis may use besides it (history, growth, kernel counters).</summary>
public sealed record Observation(Snapshot Snapshot, DiagnosisContext Context);
