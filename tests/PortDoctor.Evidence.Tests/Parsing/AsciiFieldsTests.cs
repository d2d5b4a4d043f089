using System.Text;
using PortDoctor.Evidence.FastPath;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>The vectorized <see cref="AsciiFields.Split"/> against a byte-at-a-time reference on random lines.</summary>
public sealed class AsciiFieldsTests
{
    // Blanks and field bytes most of all, so lines have many fields; now and then a byte that is not plain.
    private static readonly byte[] Alphabet =
        [.. "  \t\t  aZ09,*{}-:>"u8, (byte)' ', (byte)'x', 0x00, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7E, 0x7F, 0x80, 0xC3, 0xFF];

    private static readonly int[] Lengths = [0, 1, 2, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65, 127, 128, 129, 191, 192, 193];

    [Fact]
    public void Split_gives_what_a_byte_at_a_time_split_gives_on_random_lines()
    {
        var random = new Random(104);
        for (var round = 0; round < 40_000; round++)
        {
            var length = round < Lengths.Length * 50 ? Lengths[round % Lengths.Length] : random.Next(201);
            var notPlainOdds = random.Next(4) == 0 ? 0.01 : 0.0;
            var line = RandomLine(random, length, notPlainOdds);
            // Now and then room for every field, so a line's last field is compared too.
            var room = random.Next(4) == 0 ? 100 : random.Next(1, 9);

            // The line sits inside a larger buffer, with bytes that are not plain right after it.
            var buffer = new byte[line.Length + 80];
            buffer.AsSpan().Fill(0xFF);
            var offset = random.Next(8);
            line.CopyTo(buffer, offset);
            var span = buffer.AsSpan(offset, line.Length);

            var expected = new Range[room];
            var actual = new Range[room];
            var expectedCount = ReferenceSplit(span, expected);
            var actualCount = AsciiFields.Split(span, actual);

            Assert.True(expectedCount == actualCount, $"count {actualCount}, expected {expectedCount}, room {room}: {Show(line)}");
            for (var i = 0; i < Math.Max(expectedCount, 0); i++)
            {
                Assert.True(expected[i].Equals(actual[i]), $"field {i}: {actual[i]}, expected {expected[i]}, room {room}: {Show(line)}");
            }

            // A plain line's fields from its shape's bits (a line of at most 64 bytes) are the same.
            if (expectedCount >= 0)
            {
                var fromShape = new Range[room];
                var shapeCount = AsciiFields.Split(span, AsciiLineShape.Of(span), fromShape);
                Assert.True(expectedCount == shapeCount, $"from the shape: count {shapeCount}, expected {expectedCount}, room {room}: {Show(line)}");
                Assert.True(expected.AsSpan(0, expectedCount).SequenceEqual(fromShape.AsSpan(0, shapeCount)), $"from the shape, room {room}: {Show(line)}");
            }
        }
    }

    [Fact]
    public void A_line_shape_is_what_scans_of_the_line_find_on_random_lines()
    {
        var random = new Random(105);
        for (var round = 0; round < 40_000; round++)
        {
            var length = round < Lengths.Length * 50 ? Lengths[round % Lengths.Length] : random.Next(201);
            var line = RandomLine(random, length, random.Next(4) == 0 ? 0.01 : 0.0);
            var buffer = new byte[line.Length + 40];
            buffer.AsSpan().Fill((byte)':');
            var offset = random.Next(8);
            line.CopyTo(buffer, offset);
            var span = buffer.AsSpan(offset, line.Length);

            var shape = AsciiLineShape.Of(span);

            var expected = new AsciiLineShape(
                AsciiFields.IsPlain(span), span.IndexOfAnyExcept((byte)' ', (byte)'\t'), span.LastIndexOfAnyExcept((byte)' ', (byte)'\t'),
                span.IndexOf((byte)':'), span.Contains((byte)'>'), ReferenceFieldBits(span));
            Assert.True(expected == shape, $"{shape}, expected {expected}: {Show(line)}");
        }
    }

    [Theory]
    [InlineData("  TCP    0.0.0.0:135\t\t0.0.0.0:0   LISTENING  ", 8, new[] { "TCP", "0.0.0.0:135", "0.0.0.0:0", "LISTENING" })]
    [InlineData("999999 TimeWait, 0               {MSFT_NetTCPConnection}", 5, new[] { "999999", "TimeWait,", "0", "{MSFT_NetTCPConnection}" })]
    [InlineData("a b c d e f", 3, new[] { "a", "b", "c" })]
    [InlineData("   ", 4, new string[0])]
    [InlineData("", 4, new string[0])]
    public void Split_gives_the_fields_that_split_on_blanks_gives(string line, int room, string[] expected)
    {
        var bytes = Encoding.ASCII.GetBytes(line);
        var ranges = new Range[room];

        var count = AsciiFields.Split(bytes, ranges);

        Assert.Equal(expected, ranges.Take(count).Select(r => line[r]));
        Assert.Equal(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Take(room), expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(130)]
    public void A_line_with_one_byte_that_is_not_plain_anywhere_is_minus_one(int at)
    {
        foreach (var bad in new byte[] { 0x00, 0x0D, 0x1B, 0x7F, 0x80, 0xFF })
        {
            var line = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("ab c\t", 30)));
            line[at] = bad;

            Assert.Equal(-1, AsciiFields.Split(line, new Range[2]));
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65535")]
    [InlineData("999999999")]
    [InlineData("000000000")]
    [InlineData("123456789")]
    [InlineData("1234567890")]
    [InlineData("12345678:")]
    [InlineData("/")]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    [InlineData("0000000000000000000000002147483647")]
    [InlineData("99999999999999999999999999")]
    [InlineData("")]
    [InlineData("12a")]
    [InlineData("-1")]
    [InlineData("+1")]
    public void TryInt_reads_what_int_TryParse_with_no_styles_reads(string digits)
    {
        var expected = int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number);

        Assert.Equal((expected, number), (AsciiFields.TryInt(Encoding.ASCII.GetBytes(digits), out var value), value));
    }

    /// <summary>A bit per byte of a line of at most 64 bytes, set for a byte that is neither space nor tab; 0 for a longer line.</summary>
    internal static ulong ReferenceFieldBits(ReadOnlySpan<byte> line)
    {
        var bits = 0UL;
        for (var i = 0; i < line.Length && line.Length <= AsciiLineShape.MaxFieldBits; i++)
        {
            bits |= line[i] is (byte)' ' or (byte)'\t' ? 0 : 1UL << i;
        }

        return bits;
    }

    /// <summary>The byte-at-a-time split that the vectorized one replaced, kept as its reference.</summary>
    private static int ReferenceSplit(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        foreach (var b in line)
        {
            if (b != (byte)'\t' && b is < 0x20 or >= 0x7F)
            {
                return -1;
            }
        }

        var count = 0;
        var start = -1;
        for (var i = 0; i <= line.Length && count < fields.Length; i++)
        {
            var blank = i == line.Length || line[i] is (byte)' ' or (byte)'\t';
            if (blank && start >= 0)
            {
                fields[count++] = new Range(start, i);
                start = -1;
            }
            else if (!blank && start < 0)
            {
                start = i;
            }
        }

        return count;
    }

    private static byte[] RandomLine(Random random, int length, double notPlainOdds)
    {
        var line = new byte[length];
        for (var i = 0; i < length; i++)
        {
            line[i] = random.NextDouble() < notPlainOdds
                ? Alphabet[random.Next(Alphabet.Length - 11, Alphabet.Length)]
                : Alphabet[random.Next(Alphabet.Length - 11)];
        }

        return line;
    }

    private static string Show(byte[] line) => Convert.ToHexString(line);
}
