using System.Globalization;
using System.Runtime;
using PortDoctor.Core;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Core.Trends.Forecasting;
using PortDoctor.Core.Trends.Reporting;
using PortDoctor.History;

namespace PortDoctor.Cli.Commands;

/// <summary>`report`'s inputs as a <see cref="ReportModel"/>: the monitor's history, or files `diagnose --from` reads.</summary>
internal static class ReportSources
{
    /// <summary>
    /// Processes are read at the finest tier for this long before the newest sample, from the 1-hour
    /// rollup before it (the headline pool is always read at the finest tier).
    /// </summary>
    public static readonly TimeSpan FineProcessSpan = TimeSpan.FromDays(1);

    /// <summary>
    /// The headline pool (at the finest resolution the store still has) and top processes (see
    /// <see cref="FineProcessSpan"/>) over the last <paramref name="window"/>; the sockets per state
    /// only when <paramref name="states"/> (the HTML chart: nothing else shows them).
    /// </summary>
    /// <param name="anchor">The moment <paramref name="window"/> counts back from: now, or a bundle's last sample.</param>
    /// <param name="shownAs">The source's name in the report (a bundle's entry rather than its temporary file).</param>
    public static ReportModel FromHistory(CliEnvironment env, string path, TimeSpan window, ForecastOptions? options = null, bool states = false, DateTimeOffset? anchor = null, string? shownAs = null)
    {
        // A month is 43,200 headline samples and some 30,000 process points that all stay alive: background GC would only trace them again.
        var latency = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        try
        {
            return ReadHistory(env, path, window, options, states, anchor, shownAs);
        }
        finally
        {
            GCSettings.LatencyMode = latency;
        }
    }

    private static ReportModel ReadHistory(CliEnvironment env, string path, TimeSpan window, ForecastOptions? options, bool states, DateTimeOffset? anchor, string? shownAs)
    {
        using var store = HistoryStore.OpenReadOnly(path);
        var now = anchor ?? env.Host.Time.GetUtcNow();
        var (since, until) = (now - window, now + TimeSpan.FromDays(1));
        var points = store.HeadlineSeries(since, until);
        if (points.Count == 0)
        {
            throw new PortDoctorException(Invariant($"no samples in {store.Path} since {since:u}: is `portdoctor monitor` writing there? (--since widens the window)"), ExitCode.BadInput);
        }

        var last = points[^1];
        var latest = store.Query(last.Time, last.Time + TimeSpan.FromHours(1)).LastOrDefault()?.Headline;
        var capacity = latest?.Capacity ?? (last.UtilizationAverage > 0 ? (int)Math.Round(last.PortsAverage * 100 / last.UtilizationAverage) : 0);
        var series = points.Select(p => new SeriesSample(p.Time, (int)Math.Round(p.PortsAverage))).ToList();
        var processes = store.ProcessPoints(since, until, FineProcessSpan);
        var model = ReportBuilder.Build(shownAs ?? store.Path, latest?.Name, capacity, series, processes, options);
        return states ? model with { States = store.HeadlineStates(since, until) } : model;
    }

    /// <summary>
    /// A collect bundle's history (`history.db`), when one of <paramref name="files"/> carries it: the
    /// window counts back from its last sample (default: all of it), so a bundle from last month still trends.
    /// </summary>
    public static ReportModel? FromBundleHistory(CliEnvironment env, IReadOnlyList<string> files, TimeSpan? window, ForecastOptions? options, bool states = false)
    {
        using var bundled = BundleHistory.Find(files);
        if (bundled is null)
        {
            return null;
        }

        var last = bundled.LastSampleTime();
        if (last is null)
        {
            return null;
        }

        env.Error.WriteLine($"portdoctor: note: {bundled.ShownAs}: the trend is the monitor's history the bundle carries");
        return FromHistory(env, bundled.Path, window ?? TimeSpan.FromDays(3650), options, states, last, bundled.ShownAs);
    }

    /// <summary>A multi-sample capture: growth from each sample's counts, the level from the last sample's exact accounting.</summary>
    public static ReportModel FromFiles(CliEnvironment env, IReadOnlyList<string> files, string? format, TimeSpan? window, CancellationToken cancel, ForecastOptions? options = null)
    {
        var source = EvidenceInput.Source(env, files, format);
        Output.OutputWriters.WriteNotes(env, source.Observe(cancel).Snapshot.Notes);
        var evidence = source.Evidence!;
        var headline = EphemeralAccounting.Headline(EphemeralAccounting.Compute(evidence.Latest));
        if (headline is null || headline.Capacity <= 0)
        {
            throw new PortDoctorException($"no ephemeral pool in {string.Join(", ", files)}: nothing to forecast against", ExitCode.BadInput);
        }

        var kept = evidence.Series;
        if (window is { } w && kept.Count > 0)
        {
            kept = [.. kept.Where(s => s.Time >= kept[^1].Time - w)];
        }

        var series = SummarySeries.Headline(kept, headline.HeadlinePorts, headline.TimeWaitOnlyPorts);
        var processes = SummarySeries.Processes(kept, pid => evidence.Latest.Processes.TryGetValue(pid, out var p) ? p.Name : null);
        var name = (headline.Protocol == TransportProtocol.Tcp ? "tcp" : "udp") + headline.Family switch
        {
            IpFamily.IPv4 => "4",
            IpFamily.IPv6 => "6",
            _ => "",
        };
        var model = ReportBuilder.Build(string.Join(", ", files.Select(Path.GetFileName)), name, headline.Capacity, series, processes, options);
        model = model with { States = [.. kept.Select(s => StateSample.From(s.Time, s.ByState))] };
        return window is null && evidence.SampleCount > model.Samples ? model with { Samples = evidence.SampleCount } : model;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
