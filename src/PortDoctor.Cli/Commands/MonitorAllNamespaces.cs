using PortDoctor.Core;
using PortDoctor.History;
using PortDoctor.Monitoring;
using PortDoctor.Platform;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `monitor --all-netns`: every interval the host's network namespaces are listed again and each is
/// sampled as its own host (its own sampler, so its own counters and connection memory) into the one
/// history file, labelled, and with --metrics into the exporter by namespace. New namespaces join at the next interval; one that vanished is a note.
/// </summary>
internal sealed class MonitorAllNamespaces(CliEnvironment env, MonitorRequest request, HistoryStore store, MetricsExport exporter)
{
    private readonly Dictionary<ulong, (string Label, Sampler Sampler)> _samplers = [];
    private readonly HistorySampleStore _store = new(store);

    // One owner memory for every namespace: inodes are unique host-wide, so one walk serves them all.
    private readonly OwnerCache _owners = OwnerCache.ForAllNamespaces(request.Interval);

    private SamplerOptions Options => new() { Interval = request.Interval, Duration = request.Duration };

    public Task RunAsync(Action<SampleOutcome> report, CancellationToken cancellationToken) =>
        Sampler.RunEveryAsync(
            env.Host.Time,
            Options,
            cancel => Tick(report, cancel),
            due => _samplers.Values.FirstOrDefault().Sampler?.Maintain(due, report),
            cancellationToken);

    /// <summary>One sample of every namespace listed now; false when cancelled part way.</summary>
    private bool Tick(Action<SampleOutcome> report, CancellationToken cancel)
    {
        IReadOnlyList<NamespaceMembers> found;
        try
        {
            found = env.Host.ListNetworkNamespaces(out _);
        }
        catch (PortDoctorException ex)
        {
            report(new SampleOutcome(env.Host.Time.GetUtcNow(), null, $"listing the network namespaces failed: {ex.Message}"));
            return true;
        }

        var seen = new HashSet<ulong>();
        foreach (var members in found)
        {
            var info = members.Info;
            seen.Add(info.Inode);
            if (_samplers.TryGetValue(info.Inode, out var entry) && entry.Label != info.Label)
            {
                // The kernel hands a deleted namespace's inode number to the next one made (within about
                // a second): a known inode under another name is a new namespace, not the old one renamed.
                Forget(info.Inode);
            }

            if (!_samplers.TryGetValue(info.Inode, out entry))
            {
                entry = (info.Label, NewSampler(info));
                _samplers[info.Inode] = entry;
            }

            if (entry.Sampler.TakeSample(cancel) is not { } outcome)
            {
                return false;
            }

            exporter.Record(entry.Label, outcome);
            report(outcome.Error is { } error ? outcome with { Error = $"network namespace {entry.Label}: {error}" } : outcome);
        }

        foreach (var gone in _samplers.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            Forget(gone);
        }

        return true;
    }

    private void Forget(ulong inode)
    {
        var label = _samplers[inode].Label;
        OutputNote($"network namespace {label} is gone: no longer sampled");
        exporter.Forget(label);
        _samplers.Remove(inode);
    }

    private Sampler NewSampler(Core.Model.NetworkNamespaceInfo info)
    {
        // Events since the previous sample are what counts; a little overlap loses none at the edge.
        // The probe's target is counted by the builder's kept accounting, which the sample then reuses.
        var builder = new SampleBuilder(ProcessStartTimes.For(env.Host.Os));
        var source = new NamespaceSource(env.Host, info, new LiveSourceOptions { EventsSince = request.Interval * 2, Collect = new CollectOptions { Owners = _owners }, Accounting = builder.Accounting.Compute, BusiestLoopbackFromPercent = LiveSourceOptions.MonitorBusiestLoopbackPercent, BusiestLoopbackCadence = ProbeCadence.ForMonitor() });
        return new Sampler(source, _store, builder, env.Host.Time, Options);
    }

    private void OutputNote(string note) => Output.OutputWriters.WriteNotes(env, [note]);
}
