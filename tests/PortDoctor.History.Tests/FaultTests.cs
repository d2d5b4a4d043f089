using Microsoft.Data.Sqlite;
using Xunit;

namespace PortDoctor.History.Tests;

public sealed class FaultTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_database_held_by_another_connection_fails_the_sample_as_busy_and_the_next_one_succeeds()
    {
        var path = _dir.File("history.db");
        using var store = HistoryStore.Open(path);
        using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            other.Open();
            using var hold = other.BeginTransaction(deferred: false);

            var busy = Assert.Throws<HistoryUnavailableException>(() => store.Append(BusyHost.Sample(0, TimeSpan.FromMinutes(1))));

            Assert.Equal(HistoryFault.Busy, busy.Fault);
            Assert.StartsWith(path + ": database is busy", busy.Message, StringComparison.Ordinal);
        }

        store.Append(BusyHost.Sample(1, TimeSpan.FromMinutes(1)));
        Assert.Equal([BusyHost.Start.AddMinutes(1)], store.Query(BusyHost.Start, BusyHost.Start.AddDays(1)).Select(s => s.Time));
    }

    [Fact]
    public void A_full_database_fails_the_sample_as_full_and_keeps_every_earlier_sample()
    {
        var path = _dir.File("history.db");
        using var store = HistoryStore.Open(path, new HistoryOptions { MaxBytes = 256 * 1024 });
        var written = 0;
        var full = Assert.Throws<HistoryUnavailableException>(() =>
        {
            for (; written < 10_000; written++)
            {
                store.Append(BusyHost.Sample(written, TimeSpan.FromMinutes(1)));
            }
        });

        Assert.Equal(HistoryFault.Full, full.Fault);
        Assert.InRange(written, 1, 9_999);
        Assert.Equal(written, store.Query(BusyHost.Start, BusyHost.Start.AddYears(1)).Count);
        Assert.Equal("ok", store.IntegrityCheck());
    }

    [Fact]
    public void A_file_from_a_newer_portdoctor_is_refused_not_downgraded()
    {
        var path = _dir.File("history.db");
        HistoryStore.Open(path).Dispose();
        using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            raw.Open();
            using var command = raw.CreateCommand();
            command.CommandText = "PRAGMA user_version = 9";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<HistoryFormatException>(() => HistoryStore.Open(path));

        Assert.Equal(path + ": history schema version 9 is newer than this portdoctor reads (1); use a newer portdoctor or another --db", error.Message);
        Assert.Throws<HistoryFormatException>(() => HistoryStore.OpenReadOnly(path));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_bad_input()
    {
        var path = _dir.File("history.db");
        File.WriteAllText(path, new string('x', 8192));

        var error = Assert.Throws<HistoryFormatException>(() => HistoryStore.Open(path));

        Assert.Equal(Core.ExitCode.BadInput, error.Code);
        Assert.StartsWith(path + ": not a readable history file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_missing_file_says_so() =>
        Assert.Contains("no history file here", Assert.Throws<HistoryFormatException>(() => HistoryStore.OpenReadOnly(_dir.File("none.db"))).Message, StringComparison.Ordinal);
}
