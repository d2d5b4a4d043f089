using Xunit.Sdk;
using Xunit.v3;

namespace PortDoctor.Tests.Shared;

/// <summary>
/// Starts the test collections named "slow: ..." before the others (longest first): the suite
/// lasts at least as long as its slowest collection, and one that starts last on a busy runner
/// adds its whole length to the run. The rest keep xunit's default order. A project opts in with
/// <c>[assembly: TestCollectionOrderer(typeof(SlowFirst))]</c>; a slow class gets
/// <c>[Collection(SlowFirst.Prefix + "its name")]</c> (one collection per class, so it still runs
/// in parallel with the others). Linked into several test projects.
/// </summary>
public sealed class SlowFirst : ITestCollectionOrderer
{
    public const string Prefix = "slow: ";

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection =>
        [.. DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections)
            .OrderBy(c => c.TestCollectionDisplayName.StartsWith(Prefix, StringComparison.Ordinal) ? 0 : 1)];
}
