using PortDoctor.Core.Tracing;
using Xunit;

namespace PortDoctor.Core.Tests.Tracing;

public sealed class TracePipeLineTests
{
    private static string[] Lines => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tracing", "trace_pipe_exhaustion.txt"));

    [Fact]
    public void Enter_line_gives_thread_process_fd_and_address_length()
    {
        var record = TracePipeLine.Parse(Lines[3]);

        Assert.Equal(new TraceRecord("python3", 1626, 1626, 11034.750201, TraceEventKind.ConnectEnter, Fd: 5, AddressLength: 28), record);
    }

    [Fact]
    public void Exit_line_return_is_the_negative_errno_from_hex()
    {
        Assert.Equal(-98, TracePipeLine.Parse(Lines[2])!.Return);
        Assert.Equal(TraceEventKind.BindExit, TracePipeLine.Parse(Lines[2])!.Kind);
        Assert.Equal(-99, TracePipeLine.Parse(Lines[4])!.Return);
    }

    [Fact]
    public void Thread_name_with_spaces_dashes_and_digits_keeps_the_last_dash_for_the_tid()
    {
        var record = TracePipeLine.Parse(Lines[5])!;

        Assert.Equal(("worker pool-3-12", 1700, 1690), (record.ThreadName, record.Tid, record.Tgid));
        Assert.Equal((9L, 16L), (record.Fd, record.AddressLength));
    }

    [Fact]
    public void Decimal_return_unknown_tgid_and_lines_without_tgid_column_parse()
    {
        var unknown = TracePipeLine.Parse(Lines[13])!;
        var noTgid = TracePipeLine.Parse(Lines[14])!;

        Assert.Equal((1702, (int?)null, -98L), (unknown.Tid, unknown.Tgid, unknown.Return));
        Assert.Equal(("app", 1703, (int?)null, 3L), (noTgid.ThreadName, noTgid.Tid, noTgid.Tgid, noTgid.Fd));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(17)]
    public void Markers_lost_lines_and_junk_are_no_records(int index) => Assert.Null(TracePipeLine.Parse(Lines[index]));

    [Fact]
    public void Lost_events_line_gives_its_count()
    {
        Assert.Equal(42, TracePipeLine.LostEvents(Lines[9]));
        Assert.Null(TracePipeLine.LostEvents(Lines[0]));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("0x", null)]
    [InlineData("0xzz", null)]
    [InlineData("-11", -11L)]
    [InlineData("0xfffffffffffffff5", -11L)]
    public void Numbers_in_hex_or_decimal(string text, long? expected) => Assert.Equal(expected, TracePipeLine.Number(text));
}
