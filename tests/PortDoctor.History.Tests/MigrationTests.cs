using Xunit;

namespace PortDoctor.History.Tests;

/// <summary>
/// Every released schema version, as a file its own code wrote (Fixtures/history-v*.db, made by
/// `dotnet run --project bench/History -- fixture PATH` at that version), opens with today's code.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_version_1_file_opens_and_reads_back_what_was_written()
    {
        var path = _dir.File("history.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "history-v1.db"), path);

        using var store = HistoryStore.Open(path);

        Assert.Equal(HistorySchema.Current.ToString(System.Globalization.CultureInfo.InvariantCulture), HistoryStoreTests.Pragma(store, "user_version"));
        var expected = Enumerable.Range(0, 3).Select(i => SampleText.Of(BusyHost.Sample(i, TimeSpan.FromMinutes(1), processes: 3, destinations: 2, connections: 2)));
        Assert.Equal(expected, store.Query(BusyHost.Start, BusyHost.Start.AddDays(1)).Select(SampleText.Of));
        Assert.Equal(3, store.HeadlineSeries(BusyHost.Start, BusyHost.Start.AddDays(1), SeriesResolution.Minute).Count);
        store.Append(BusyHost.Sample(3, TimeSpan.FromMinutes(1)));
        Assert.Equal("ok", store.IntegrityCheck());
    }
}
