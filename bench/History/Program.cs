using System.Diagnostics;
using System.Globalization;
using PortDoctor.History;
using PortDoctor.History.Tests;

// bench/History: `day SECONDS PATH [DAYS]` writes DAYS simulated busy-host days (20 processes, 4 pools, 10
// destinations, 40 new 4-tuples a sample) at one sample per SECONDS, then reports bytes per day and
// the cost of Append; then one day of raw samples is past retention and is purged in maintenance
// steps, each timed. `fixture PATH` writes the schema-version fixture MigrationTests opens.
var culture = CultureInfo.InvariantCulture;
switch (args)
{
    case ["fixture", var path]:
        using (var store = HistoryStore.Open(path))
        {
            for (var i = 0; i < 3; i++)
            {
                store.Append(BusyHost.Sample(i, TimeSpan.FromMinutes(1), processes: 3, destinations: 2, connections: 2));
            }
        }

        return 0;
    case ["day", var secondsText, var path, ..]:
        var interval = TimeSpan.FromSeconds(double.Parse(secondsText, culture));
        var days = args.Length > 3 ? int.Parse(args[3], culture) : 1;
        if (File.Exists(path))
        {
            // Deleting it here could pull the file from under a running writer: the script removes old ones.
            Console.Error.WriteLine($"{path} exists; give a new path");
            return 65;
        }

        var perDay = (int)(TimeSpan.FromDays(1) / interval);
        using (var store = HistoryStore.Open(path))
        {
            var appends = new List<double>(perDay * (days + 1));
            for (var i = 0; i < perDay * days; i++)
            {
                var clock = Stopwatch.StartNew();
                store.Append(BusyHost.Sample(i, interval));
                appends.Add(clock.Elapsed.TotalMilliseconds);
                if (i == perDay - 1)
                {
                    store.Maintain(BusyHost.Start.AddDays(1));
                    Console.WriteLine(string.Create(culture, $"1 day at {interval.TotalSeconds} s: {perDay} samples, {store.SizeOnDisk() / 1e6:0.00} MB ({store.SizeOnDisk() / perDay:0} B/sample, WAL truncated)"));
                }
            }

            appends.Sort();
            Console.WriteLine(string.Create(culture, $"Append: mean {appends.Average():0.000} ms, p50 {appends[appends.Count / 2]:0.000} ms, p99 {appends[appends.Count * 99 / 100]:0.000} ms, max {appends[^1]:0.0} ms"));
            if (days >= 8)
            {
                Purge(store, BusyHost.Start.AddDays(days));
            }
        }

        return 0;
    case ["month", var path]:
        // bench/report.sh: 30 days of one-minute raw samples (43,200), no maintenance, for `report --db`.
        using (var store = HistoryStore.Open(path))
        {
            for (var i = 0; i < 30 * 24 * 60; i++)
            {
                store.Append(BusyHost.Sample(i, TimeSpan.FromMinutes(1), connections: 0));
            }
        }

        return 0;
    default:
        Console.Error.WriteLine("usage: History fixture PATH | History day SECONDS PATH [DAYS] | History month PATH");
        return 64;
}

void Purge(HistoryStore store, DateTimeOffset now)
{
    var before = store.SizeOnDisk();
    var steps = new List<MaintenanceStep>();
    var total = Stopwatch.StartNew();
    do
    {
        steps.Add(store.Maintain(now));
    }
    while (steps[^1].More);

    var ms = steps.Select(s => s.Elapsed.TotalMilliseconds).Order().ToList();
    Console.WriteLine(string.Create(culture, $"purge of 1 expired day from {before / 1e6:0.0} MB: {steps.Count} steps of <= {HistoryStore.DefaultStepRows} samples, {steps.Sum(s => s.SamplesPurged)} samples, step mean {ms.Average():0.0} ms, max {ms[^1]:0.0} ms, total {total.Elapsed.TotalSeconds:0.00} s, {steps.Sum(s => s.PagesFreed)} pages freed, now {store.SizeOnDisk() / 1e6:0.0} MB"));
}
