using System.Text.Json;
using PortDoctor.Core.Tracing;
using Xunit;

namespace PortDoctor.Cli.Tests.Trace;

/// <summary>The trace verb in process against a fake host: views, the kept summary, and diagnose citing it.</summary>
public sealed class TraceCommandTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly string _state = Path.Combine(Path.GetTempPath(), $"pd-trace-cmd-{Guid.NewGuid():N}");

    private static FixedTracer Tracer => new()
    {
        Started = Start,
        Processes =
        [
            new ProcessFailures(
                4242,
                "java",
                [
                    new FailureCount(AllocationSyscall.Connect, "EADDRNOTAVAIL", "IPv4", 1200),
                    new FailureCount(AllocationSyscall.Bind, "EADDRINUSE", null, 3),
                ],
                Start.AddSeconds(1),
                Start.AddSeconds(9)),
        ],
    };

    [Fact]
    public void Table_has_one_row_per_process_and_kind_with_a_caption()
    {
        var (code, output, error) = Run("trace", "--duration", "10s");

        Assert.True(code == 0, error);
        Assert.Contains("4242   java      connect   EADDRNOTAVAIL   IPv4       1200   2026-01-02 03:04:06.000Z   2026-01-02 03:04:14.000Z", output, StringComparison.Ordinal);
        Assert.Contains("4242   java      bind      EADDRINUSE      unknown       3", output, StringComparison.Ordinal);
        Assert.Contains("1,203 failed port allocations in 1 process(es) over 10 s", output, StringComparison.Ordinal);
        Assert.Contains("portdoctor: note: destinations are unknown", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_windows_trace_is_titled_with_the_ntstatus_and_has_no_syscall_note()
    {
        var tracer = new FixedTracer
        {
            Source = "ETW session PortDoctor-PortFailures",
            Started = Start,
            Processes = [new ProcessFailures(4242, "client", [new FailureCount(AllocationSyscall.Bind, "STATUS_TOO_MANY_ADDRESSES", "IPv4", 7)], Start, Start)],
        };

        var (code, output, error) = CliRunner.Run(e => e with { Host = new FakeHost { StateDirectory = _state, AllocationTracer = tracer } }, "trace", "--duration", "10s");

        Assert.True(code == 0, error);
        Assert.Contains("Failed port allocations (AFD bind, TCPIP connect: STATUS_TOO_MANY_ADDRESSES)", output, StringComparison.Ordinal);
        Assert.Contains("4242   client    bind   STATUS_TOO_MANY_ADDRESSES", output, StringComparison.Ordinal);
        Assert.DoesNotContain("destinations are unknown", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_carries_the_pid_filter_counts_and_times_and_is_kept_for_diagnose()
    {
        var (code, output, _) = Run("trace", "--duration", "10s", "--pid", "4242", "--format", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(4242, json.RootElement.GetProperty("pidFilter")[0].GetInt32());
        Assert.Equal(1203, json.RootElement.GetProperty("totalFailures").GetInt64());
        var process = json.RootElement.GetProperty("processes")[0];
        Assert.Equal("connect", process.GetProperty("failures")[0].GetProperty("call").GetString());
        Assert.Equal(JsonValueKind.Null, process.GetProperty("failures")[1].GetProperty("family").ValueKind);
        Assert.Equal(output.Trim(), File.ReadAllText(Path.Combine(_state, "trace-last.json")).Trim());
    }

    [Fact]
    public void Diagnose_cites_a_recent_trace_and_ignores_an_old_one()
    {
        Run("trace", "--duration", "10s");

        var recent = Diagnose(Start.AddMinutes(30));
        var old = Diagnose(Start.AddHours(2));

        Assert.Contains("caught 1203 connect/bind calls failing for want of a port in 1 process", recent, StringComparison.Ordinal);
        Assert.Contains("last at 2026-01-02 03:04:14Z; most in java (PID 4242): 1203", recent, StringComparison.Ordinal);
        Assert.DoesNotContain("for want of a port", old, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pid", "0")]
    [InlineData("--pid", "-3")]
    [InlineData("--duration", "soon")]
    public void Bad_options_are_one_usage_line(string option, string value)
    {
        var (code, output, error) = Run("trace", option, value);

        Assert.Equal(64, code);
        Assert.Empty(output);
        Assert.StartsWith($"portdoctor: {option}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_etl_capture_on_linux_is_one_line_saying_it_needs_windows()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the Linux host's answer");

        var (code, _, error) = CliRunner.Run("trace", "--from", "capture.etl");

        Assert.Equal(69, code);
        Assert.StartsWith("portdoctor: capture.etl: decoding an ETL capture (netsh trace) needs Windows", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Fact]
    public void Netns_with_a_capture_is_a_usage_error()
    {
        var (code, output, error) = Run("trace", "--from", "capture.etl", "--netns", "blue");

        Assert.Equal(64, code);
        Assert.Empty(output);
        Assert.Equal("portdoctor: --netns filters a live trace; a capture (--from) is read as it was taken", error.Trim());
    }

    private (int Code, string Out, string Error) Run(params string[] args) =>
        CliRunner.Run(e => e with { Host = new FakeHost { StateDirectory = _state, AllocationTracer = Tracer } }, args);

    private string Diagnose(DateTimeOffset now) =>
        CliRunner.Run(e => e with { Host = new FakeHost { StateDirectory = _state, Time = new FixedTime(now), Probes = _ => [] } }, "diagnose", "--no-probe").Out;

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
