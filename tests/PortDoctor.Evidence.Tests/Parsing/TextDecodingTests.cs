using System.Text;
using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using PortDoctor.Evidence.Text;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

public sealed class TextDecodingTests
{
    private const string Row = "  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN         1060\r\n";

    [Theory]
    [InlineData("utf-16BE-bom", "UTF-16BE with BOM")]
    [InlineData("utf-16LE-nobom", "UTF-16LE without BOM")]
    [InlineData("utf-16BE-nobom", "UTF-16BE without BOM")]
    [InlineData("utf-8-bom", "UTF-8 with BOM")]
    [InlineData("cp850", "OEM code page 850")]
    public void Encodings_are_detected_and_the_row_reads_the_same(string kind, string expected)
    {
        var text = "\r\nAktive Verbindungen\r\n\r\n  Proto  Lokale Adresse         Remoteadresse          Status           PID\r\n" + Row;
        byte[] bytes = kind switch
        {
            "utf-16BE-bom" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
            "utf-16LE-nobom" => Encoding.Unicode.GetBytes(text),
            "utf-16BE-nobom" => Encoding.BigEndianUnicode.GetBytes(text),
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            _ => EvidenceEncoding.CodePage(850).GetBytes(text),
        };

        using var stream = new MemoryStream(bytes);
        var evidence = EvidenceReader.Read("x.txt", stream, null, DateTimeOffset.UnixEpoch, TestContext.Current.CancellationToken);

        Assert.Equal(expected, evidence.Sources[0].Encoding);
        Assert.Equal(SocketState.Listen, Assert.Single(evidence.Latest.Sockets).State);
    }

    [Theory]
    [InlineData("ABH\u2122REN")]
    [InlineData("ABHÃ–REN")]
    [InlineData("‘‹“˜€…’")]
    public void State_names_mangled_by_a_wrong_code_page_are_repaired(string mangled)
    {
        var repaired = MojibakeRepair.Repair(mangled, t => LocalizedStateNames.TryParse(t, out _));

        Assert.True(LocalizedStateNames.TryParse(repaired, out var state), repaired);
        Assert.Equal(SocketState.Listen, state);
    }

    [Fact]
    public void Cr_lf_crlf_split_across_buffers_and_a_truncated_last_line_are_all_lines()
    {
        var text = new StringBuilder();
        text.Append("one\rtwo\nthree\r\n");
        text.Append('x', (1 << 16) - 1 - text.Length).Append("\r\n"); // CRLF straddles the first 64K buffer
        text.Append("last-without-ending");
        var lines = new RecordingReader();

        var count = LineSource.Feed(new StringReader(text.ToString()), lines, cancel: TestContext.Current.CancellationToken);

        Assert.Equal(5, count);
        Assert.Equal(["one", "two", "three"], lines.Lines.Take(3));
        Assert.Equal((1 << 16) - 1 - 15, lines.Lines[3].Length);
        Assert.Equal("last-without-ending", lines.Lines[4]);
        Assert.True(lines.Finished);
    }

    /// <summary>
    /// The byte path reads 1 MB at a time: a CR as the last byte of a read is held until the next
    /// read shows whether an LF follows (one CRLF line end), a CR (an empty line) or text.
    /// </summary>
    [Theory]
    [InlineData("\n", new[] { "one", "x", "after", "last" })]
    [InlineData("\r", new[] { "one", "x", "", "after", "last" })]
    [InlineData("\r\n", new[] { "one", "x", "", "after", "last" })]
    [InlineData("", new[] { "one", "x", "after", "last" })]
    public void A_cr_as_the_last_byte_of_a_read_ends_one_line_whatever_comes_next(string next, string[] expected)
    {
        const int read = 1 << 20; // Utf8LineSource's buffer
        var bytes = Encoding.ASCII.GetBytes("one\n" + new string('x', read - 5) + "\r" + next + "after\nlast");
        Assert.Equal((byte)'\r', bytes[read - 1]);
        var lines = new RecordingReader();

        var count = Utf8LineSource.Feed(new MemoryStream(bytes), lines, Encoding.UTF8, cancel: TestContext.Current.CancellationToken);

        Assert.Equal(expected.Length, count);
        Assert.Equal(expected, lines.Lines.Select(l => l.Length == read - 5 ? "x" : l));
        Assert.Equal(Enumerable.Range(1, expected.Length).Select(n => (long)n), lines.Numbers);
        Assert.True(lines.Finished);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_cut_into_pieces_not_held_whole()
    {
        var lines = new RecordingReader();

        var count = LineSource.Feed(new StringReader(new string('A', 3 << 20) + "\nafter"), lines, cancel: TestContext.Current.CancellationToken);

        // Three full pieces and the empty rest of one line (it ends where a piece ends), then "after": two lines of the file.
        Assert.Equal(2, count);
        Assert.Equal(5, lines.Lines.Count);
        Assert.All(lines.Lines, l => Assert.True(l.Length <= 1 << 20));
        Assert.Equal("after", lines.Lines[^1]);
        Assert.Equal(3 << 20, lines.Lines.Take(lines.Lines.Count - 1).Sum(l => l.Length));
    }

    /// <summary>Records every line with its number, taking bytes as the byte path offers them.</summary>
    private sealed class RecordingReader : IUtf8LineReader
    {
        public List<string> Lines { get; } = [];

        public List<long> Numbers { get; } = [];

        public bool Finished { get; private set; }

        public bool TryLine(ReadOnlySpan<byte> line, long number)
        {
            Line(Encoding.ASCII.GetString(line), number);
            return true;
        }

        public void Line(ReadOnlySpan<char> line, long number)
        {
            Lines.Add(line.ToString());
            Numbers.Add(number);
        }

        public void Finish() => Finished = true;
    }
}
