using PortDoctor.Tests.Shared;
using Xunit;

// The collections named "slow: ..." start first: see SlowFirst.
[assembly: TestCollectionOrderer(typeof(SlowFirst))]

// Most CLI tests wait, not compute: on child processes, namespaces, Wine, Prometheus, a lab's leak on the
// real clock. xunit's default of one test at a time per core left a 2-core machine half idle for minutes.
[assembly: CollectionBehavior(MaxParallelThreads = 8)]
