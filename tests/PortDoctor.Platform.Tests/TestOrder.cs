using PortDoctor.Tests.Shared;
using Xunit;

// The classes marked [Takes(seconds)] start first, the longest first: see SlowFirst.
[assembly: TestCollectionOrderer(typeof(SlowFirst))]
