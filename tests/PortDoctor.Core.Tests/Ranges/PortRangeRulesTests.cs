using PortDoctor.Core.Model;
using PortDoctor.Core.Ranges;
using Xunit;

namespace PortDoctor.Core.Tests.Ranges;

public class PortRangeRulesTests
{
    [Theory]
    [InlineData(10000, 1000)]
    [InlineData(1025, 3976)]
    [InlineData(49152, 16384)]
    [InlineData(65281, 255)]
    public void Accepts_the_guides_examples_on_windows(int start, int count) =>
        Assert.Empty(PortRangeRules.Validate(start, count, OsKind.Windows));

    [Theory]
    [InlineData(1024, 1000, "start")]
    [InlineData(10000, 254, "count")]
    [InlineData(65000, 1000, "end")]
    public void Refuses_what_netsh_refuses(int start, int count, string rule) =>
        Assert.Contains(PortRangeRules.Validate(start, count, OsKind.Windows), v => v.Rule == rule && !v.IsWarning);

    [Fact]
    public void Linux_warns_about_start_and_end_of_the_same_parity_but_accepts_them()
    {
        Assert.Empty(PortRangeRules.Validate(32768, 28232, OsKind.Linux)); // 32768-60999
        var parity = Assert.Single(PortRangeRules.Validate(10000, 255, OsKind.Linux)); // 10000-10254: the minimum count is odd
        Assert.Equal("parity", parity.Rule);
        Assert.True(parity.IsWarning);
        Assert.Empty(PortRangeRules.Validate(10000, 1001, OsKind.Windows));
    }

    [Fact]
    public void The_default_is_the_default_of_the_os()
    {
        Assert.Equal(PortRange.FromBounds(32768, 60999), PortRangeRules.DefaultFor(OsKind.Linux));
        Assert.Equal(PortRange.FromBounds(49152, 65535), PortRangeRules.DefaultFor(OsKind.Windows));
    }

    [Fact]
    public void Linux_refuses_ports_below_the_unprivileged_start() =>
        Assert.Contains(
            PortRangeRules.Validate(2000, 1000, OsKind.Linux, unprivilegedPortStart: 4096),
            v => v.Rule == "unprivileged");

    [Fact]
    public void Warns_when_listeners_sit_inside_the_range()
    {
        var warning = Assert.Single(PortRangeRules.Validate(10000, 1000, OsKind.Windows, listenerPorts: [80, 10443, 10443]));
        Assert.True(warning.IsWarning);
        Assert.Contains("10443", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggests_a_wider_range_within_the_rules()
    {
        var windows = PortRangeRules.SuggestWider(PortRangeRules.WindowsDefault, OsKind.Windows);
        Assert.Equal(PortRange.FromBounds(32768, 65535), windows);
        Assert.Empty(PortRangeRules.Validate(windows.Start, windows.Count, OsKind.Windows));

        var linux = PortRangeRules.SuggestWider(PortRange.FromBounds(32768, 60999), OsKind.Linux);
        Assert.Equal(PortRange.FromBounds(10000, 65535), linux);
        Assert.Empty(PortRangeRules.Validate(linux.Start, linux.Count, OsKind.Linux));

        var narrow = PortRangeRules.SuggestWider(PortRange.FromBounds(40001, 41000), OsKind.Linux);
        Assert.Equal(39000, narrow.Start);
        Assert.Empty(PortRangeRules.Validate(narrow.Start, narrow.Count, OsKind.Linux));
    }

    [Fact]
    public void Full_range_cannot_grow() =>
        Assert.Equal(PortRange.FromBounds(1025, 65535), PortRangeRules.SuggestWider(PortRange.FromBounds(1025, 65535), OsKind.Windows));
}
