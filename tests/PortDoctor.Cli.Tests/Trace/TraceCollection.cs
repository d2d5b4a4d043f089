using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Trace;

/// <summary>Live trace tests run one after another: tracefs and the trace lock are host-wide.</summary>
[CollectionDefinition(Name)]
public sealed class TraceCollection
{
    public const string Name = SlowFirst.Prefix + "trace";
}
