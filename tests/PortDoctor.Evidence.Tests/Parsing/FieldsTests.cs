using PortDoctor.Evidence;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

public sealed class FieldsTests
{
    [Theory]
    [InlineData("  TCP    0.0.0.0:135\t\t0.0.0.0:0   LISTENING  ", 8, new[] { "TCP", "0.0.0.0:135", "0.0.0.0:0", "LISTENING" })]
    [InlineData("  a  b   c  d  ", 2, new[] { "a", "b   c  d" })]
    [InlineData("   ", 4, new string[0])]
    [InlineData("", 4, new string[0])]
    [InlineData("single", 1, new[] { "single" })]
    public void Split_gives_fields_and_leaves_the_rest_in_the_last_range(string line, int room, string[] expected)
    {
        var ranges = new Range[room];

        var count = Fields.Split(line, ranges);

        Assert.Equal(expected, ranges.Take(count).Select(r => line[r]));
    }
}
