using System.Text;
using PortDoctor.Evidence;
using PortDoctor.Evidence.FastPath;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>The byte cutter (line ends found 64 bytes at a time) against the general one on random buffers.</summary>
public sealed class LineEndsTests
{
    [Fact]
    public void The_byte_cutter_cuts_what_the_general_cutter_cuts()
    {
        var random = new Random(106);
        byte[] alphabet = [(byte)'\r', (byte)'\n', (byte)'a', (byte)' ', (byte)'b', (byte)'c'];
        for (var round = 0; round < 20_000; round++)
        {
            var buffer = new byte[random.Next(300)];
            var endOdds = random.Next(1, 60);
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = random.Next(endOdds) == 0 ? alphabet[random.Next(2)] : alphabet[random.Next(2, alphabet.Length)];
            }

            Assert.False(CutsAsTheGeneralCutter(buffer, random, new Lines()).TakesShapes);
        }
    }

    [Fact]
    public void The_shaping_cutter_cuts_the_same_lines_and_gives_each_its_shape()
    {
        var random = new Random(107);
        var shaped = 0;
        byte[] text = [.. "  \t aZ09,*{}-:>xyz"u8, 0x00, 0x1B, 0x7F, 0x80, 0xE2];
        for (var round = 0; round < 20_000; round++)
        {
            var buffer = new byte[random.Next(400)];
            var endOdds = random.Next(1, 150);
            var notPlain = random.Next(3) == 0 ? 5 : 0;
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = random.Next(endOdds) == 0 ? (byte)"\r\n"[random.Next(2)] : text[random.Next(text.Length - 5 + notPlain)];
            }

            // Now and then one byte that is not plain alone in its block (the cheap test must find each kind).
            if (notPlain == 0 && buffer.Length > 0 && random.Next(2) == 0)
            {
                buffer[random.Next(buffer.Length)] = text[random.Next(text.Length - 5, text.Length)];
            }

            var lines = new ShapedLines();
            Assert.True(CutsAsTheGeneralCutter(buffer, random, lines).TakesShapes);
            Assert.True(lines.WrongShape is null, $"{lines.WrongShape}: buffer {Convert.ToHexString(buffer)}");
            shaped += lines.Shaped;
        }

        // Most lines were cut with their shape (the last bytes of a buffer are cut without).
        Assert.True(shaped > 100_000, $"{shaped} lines with a shape");
    }

    /// <summary>
    /// Cuts the buffer (a random pending CR, fresh or not) with the byte cutter into <paramref name="lines"/>,
    /// and asserts the lines, the rest and the pending CR of the general cutter; returns the decoder.
    /// </summary>
    private static Utf8LineSource.Decoder CutsAsTheGeneralCutter(byte[] buffer, Random random, Lines lines)
    {
        var fresh = random.Next(2) == 0;
        var pendingCr = random.Next(2) == 0;
        var expectedPending = pendingCr;
        var expected = new List<string>();
        var expectedRest = LineEnds.Cut<byte>(buffer, (byte)'\r', (byte)'\n', fresh, ref expectedPending, line => expected.Add(Convert.ToHexString(line)));

        var decoder = new Utf8LineSource.Decoder(lines, Encoding.UTF8);
        var rest = LineEnds.Cut(buffer, fresh, ref pendingCr, decoder);

        var what = $"fresh {fresh}, buffer {Convert.ToHexString(buffer)}";
        Assert.True(expected.SequenceEqual(lines.Seen), what);
        Assert.True(expectedRest == rest, what);
        Assert.True(expectedPending == pendingCr, what);
        Assert.Equal(expected.Count, decoder.Number);
        return decoder;
    }

    /// <summary>Takes every line, checking that a shape handed with it is the shape <see cref="AsciiLineShape.Of"/> finds.</summary>
    private sealed class ShapedLines : Lines, IShapedLineReader
    {
        public int Shaped { get; private set; }

        public string? WrongShape { get; private set; }

        public bool TryLine(ReadOnlySpan<byte> line, in AsciiLineShape shape, long number)
        {
            Shaped++;
            var expected = AsciiLineShape.Of(line);
            if (shape != expected && WrongShape is null)
            {
                WrongShape = $"line {number} {Convert.ToHexString(line)}: {shape}, expected {expected}";
            }

            return TryLine(line, number);
        }
    }

    private class Lines : IUtf8LineReader
    {
        public List<string> Seen { get; } = [];

        public bool TryLine(ReadOnlySpan<byte> line, long number)
        {
            Seen.Add(Convert.ToHexString(line));
            return true;
        }

        public void Line(ReadOnlySpan<char> line, long number) => throw new InvalidOperationException("every line is taken as bytes");

        public void Finish()
        {
        }
    }
}
