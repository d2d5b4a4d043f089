using PortDoctor.Tests.Shared;
using Xunit;

// The classes marked [Takes(seconds)] start first, the longest first, then the collections named "slow: ...": see SlowFirst.
[assembly: TestCollectionOrderer(typeof(SlowFirst))]

// Most CLI tests wait, not compute: on child processes, namespaces, Wine, Prometheus, a lab's leak on the
// real clock. xunit's default of one test at a time per core left a 2-core machine half idle for minutes.
[assembly: CollectionBehavior(MaxParallelThreads = 8)]
