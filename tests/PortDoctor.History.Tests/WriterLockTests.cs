using Xunit;

namespace PortDoctor.History.Tests;

public sealed class WriterLockTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_second_writer_is_refused_with_one_line_naming_the_file()
    {
        var path = _dir.File("history.db");
        using var first = HistoryStore.Open(path);

        var refused = Assert.Throws<HistoryWriterConflictException>(() => HistoryStore.Open(path));

        Assert.Equal(Core.ExitCode.Unavailable, refused.Code);
        Assert.StartsWith(path + ": another portdoctor monitor is writing", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void The_lock_goes_with_the_writer()
    {
        var path = _dir.File("history.db");
        HistoryStore.Open(path).Dispose();

        using var second = HistoryStore.Open(path);
        Assert.True(second.IsWriter);
    }

    [Fact]
    public void Readers_open_while_the_writer_runs()
    {
        var path = _dir.File("history.db");
        using var writer = HistoryStore.Open(path);
        writer.Append(BusyHost.Sample(0, TimeSpan.FromMinutes(1)));

        using var one = HistoryStore.OpenReadOnly(path);
        using var two = HistoryStore.OpenReadOnly(path);

        Assert.Single(one.HeadlineSeries(BusyHost.Start, BusyHost.Start.AddDays(1)));
        Assert.Single(two.Query(BusyHost.Start, BusyHost.Start.AddDays(1)));
    }
}
