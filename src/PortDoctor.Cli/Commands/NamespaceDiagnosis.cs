using PortDoctor.Core.Analysis;
using PortDoctor.Platform;

namespace PortDoctor.Cli.Commands;

/// <summary>One network namespace of `diagnose --all-netns`: who lives there and what diagnose concluded.</summary>
internal sealed record NamespaceDiagnosis(NamespaceMembers Members, Diagnosis Diagnosis);
