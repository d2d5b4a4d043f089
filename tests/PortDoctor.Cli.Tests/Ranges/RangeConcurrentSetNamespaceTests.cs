using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Ranges;

/// <summary>Two `range set --yes` at once in a namespace keep the original range restorable and leave nothing behind.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(SlowFirst.Prefix + "range set twice at once")]
public sealed class RangeConcurrentSetNamespaceTests : RangeFaultTest
{
    [Fact]
    public async Task Two_sets_at_once_keep_the_original_and_leave_nothing_behind()
    {
        using var ns = CreateOrSkip();
        ns.WriteSysctl(Key, "32768 60999");
        for (var i = 0; i < 12; i++)
        {
            var first = Task.Run(() => ns.PortDoctor(SetArgs(20000)), TestContext.Current.CancellationToken);
            var second = Task.Run(() => ns.PortDoctor(SetArgs(24000)), TestContext.Current.CancellationToken);
            var results = await Task.WhenAll(first, second);

            foreach (var result in results)
            {
                Assert.True(result.Code == 0, $"pair {i}: {result.Code} {result.Error}");
            }

            Assert.Contains(ns.ReadSysctl(Key), new[] { "20000\t59999", "24000\t63999" });
            AssertRestoredToOriginal(ns, expectBackup: true);
        }
    }
}
