using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace PortDoctor.Tests.Shared;

/// <summary>
/// Starts the longest test collections first: a project lasts at least as long as its longest
/// collection (the tests of a collection run one after another), and one that starts last on a
/// busy runner adds its whole length to the run. A class says how long it takes with
/// <see cref="TakesAttribute"/> (nested classes too: each is a collection of its own unless it names
/// one); a collection takes its classes' sum, and the longest start first. Then the collections
/// named "slow: ..." (<c>[Collection(SlowFirst.Prefix + "its name")]</c>, one per class, so it still
/// runs in parallel with the others), then the rest, each group in xunit's default order. A project
/// opts in with <c>[assembly: TestCollectionOrderer(typeof(SlowFirst))]</c>. Linked into several test projects.
/// </summary>
public sealed class SlowFirst : ITestCollectionOrderer
{
    public const string Prefix = "slow: ";

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection
    {
        var ordered = DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections);
        var seconds = ordered.OfType<IXunitTestCollection>().FirstOrDefault() is { } any ? Lengths(any.TestAssembly) : [];
        return [.. ordered
            .OrderByDescending(c => seconds.GetValueOrDefault(c.UniqueID))
            .ThenBy(c => c.TestCollectionDisplayName.StartsWith(Prefix, StringComparison.Ordinal) ? 0 : 1)];
    }

    /// <summary>The seconds of every collection that has a class marked <see cref="TakesAttribute"/>, by the collection's id.</summary>
    private static Dictionary<string, double> Lengths(IXunitTestAssembly assembly)
    {
        // The factory xunit uses by default: the same collection (and id) for a class as in discovery.
        var collections = new CollectionPerClassTestCollectionFactory(assembly);
        return assembly.Assembly.GetTypes()
            .Select(type => (type, takes: type.GetCustomAttribute<TakesAttribute>()))
            .Where(marked => marked.takes is not null)
            .GroupBy(marked => collections.Get(marked.type).UniqueID, marked => marked.takes!.Seconds)
            .ToDictionary(group => group.Key, group => group.Sum());
    }
}
