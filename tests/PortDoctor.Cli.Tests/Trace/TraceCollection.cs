using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Trace;

/// <summary>
/// Live trace tests run one after another and alone, after the parallel tests: tracefs and the trace
/// lock are host-wide, and a failing connect of any other test's process that exits before the tracer
/// reads its event cannot be placed in a namespace (`unplacedFailures`, which the namespace test expects at 0).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TraceCollection
{
    public const string Name = SlowFirst.Prefix + "trace";
}
