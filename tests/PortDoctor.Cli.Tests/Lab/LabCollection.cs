using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Lab;

/// <summary>Lab test classes run one after another: every lab sweeps stale namespaces, including the one a test is about to look for.</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection
{
    public const string Name = SlowFirst.Prefix + "lab";
}
