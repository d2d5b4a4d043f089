using PortDoctor.Cli.Output;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Lab;

namespace PortDoctor.Cli.Commands;

/// <summary>What one lab run does; <see cref="FillPercent"/> null means "until connects fail".</summary>
internal sealed record LabOptions(LabPattern Pattern, PortRange Range, int? FillPercent, string Namespace, TimeSpan MaxRun, OutputFormat Format)
{
    /// <summary>How long to keep the namespace after diagnose, for a look around.</summary>
    public TimeSpan Hold { get; init; }
}
