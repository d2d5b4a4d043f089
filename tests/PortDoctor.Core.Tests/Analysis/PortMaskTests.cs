using PortDoctor.Core.Analysis;
using Xunit;

namespace PortDoctor.Core.Tests.Analysis;

/// <summary>The pool's port set, one bit a port, holds what a bool a port holds after the same puts and takes.</summary>
public sealed class PortMaskTests
{
    [Fact]
    public void Ranges_put_in_and_taken_out_leave_the_ports_a_bool_per_port_leaves()
    {
        var random = new Random(20261204);
        for (var round = 0; round < 200; round++)
        {
            var mask = new PortMask();
            var expected = new bool[65536];
            for (var change = 0; change < 12; change++)
            {
                // Short ranges inside one word and across word ends, long ones, and the set's ends.
                var first = change % 4 == 0 ? 0 : random.Next(65536);
                var length = change % 3 == 0 ? random.Next(1, 130) : random.Next(1, 65537 - first);
                var last = Math.Min(65535, first + length - 1);
                if (change % 5 == 0)
                {
                    last = 65535;
                }

                var inSet = change % 2 == 0;
                mask.Set(first, last, inSet);
                expected.AsSpan(first, last - first + 1).Fill(inSet);
            }

            for (var port = 0; port < 65536; port++)
            {
                Assert.True(expected[port] == mask[port], $"round {round}, port {port}: expected {expected[port]}");
            }
        }
    }

    [Fact]
    public void One_port_at_each_end_of_a_word_is_one_port()
    {
        foreach (var port in new[] { 0, 63, 64, 127, 65472, 65535 })
        {
            var mask = new PortMask();
            mask.Set(port, port, inSet: true);
            Assert.Equal([port], Enumerable.Range(0, 65536).Where(p => mask[p]));
        }
    }

    [Fact]
    public void Add_says_whether_the_port_was_new_and_numbers_that_are_no_ports_stay_out()
    {
        var mask = new PortMask();
        Assert.True(mask.Add(0));
        Assert.True(mask.Add(65535));
        Assert.True(mask.Add(64));
        Assert.False(mask.Add(64));
        Assert.False(mask.Add(-1));
        Assert.False(mask.Add(65536));
        Assert.Equal([0, 64, 65535], Enumerable.Range(0, 65536).Where(mask.Contains));
        Assert.False(mask.Contains(-1) || mask.Contains(65536) || mask.Contains(int.MinValue));
    }
}
