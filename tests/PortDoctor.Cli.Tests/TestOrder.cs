using PortDoctor.Tests.Shared;
using Xunit;

// The collections named "slow: ..." start first: see SlowFirst.
[assembly: TestCollectionOrderer(typeof(SlowFirst))]
