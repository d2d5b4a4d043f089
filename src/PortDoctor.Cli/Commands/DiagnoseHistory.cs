using System.Globalization;
using PortDoctor.Core;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Core.Sources;
using PortDoctor.Core.Trends;
using PortDoctor.History;
using PortDoctor.Monitoring;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// Live `diagnose` with the monitor's history: the same series `report --db` forecasts from (so both
/// give the same ETA), and the stored ESTABLISHED 4-tuples, whose owners a live TIME_WAIT on the same
/// 4-tuple inherits. One note always says which history was used, or why none was.
/// </summary>
internal static class DiagnoseHistory
{
    /// <summary>The forecast's window: `report --db`'s default, so both read the same samples.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>
    /// <paramref name="given"/> (--db) must be readable: its faults are the user's to fix (one line, exit 65).
    /// Without it the default file is used when it exists and opens; else the note says none was.
    /// </summary>
    public static Observation Apply(CliEnvironment env, string? given, bool otherNamespace, Observation observation)
    {
        if (given is null && otherNamespace)
        {
            return WithNote(observation, new Note(NoteKind.HistoryNotForNamespace));
        }

        var path = HistoryFile.Resolve(env, given);
        if (given is null && !File.Exists(path))
        {
            return WithNote(observation, new Note(NoteKind.HistoryFileMissing) { Path = path });
        }

        try
        {
            return Read(env, path, observation);
        }
        catch (PortDoctorException e) when (given is null)
        {
            return WithNote(observation, new Note(NoteKind.HistoryUnreadable) { Message = e.Message });
        }
    }

    /// <summary>
    /// `diagnose --from bundle.zip`: the history the bundle carries, read as live diagnose reads the
    /// machine's, counted back from its last sample. The processes of that machine cannot be asked
    /// for their start times, so a stored owner is taken as it is (no PID-reuse check).
    /// </summary>
    public static Observation FromBundle(CliEnvironment env, IReadOnlyList<string> files, Observation observation)
    {
        using var bundled = BundleHistory.Find(files);
        if (bundled is null)
        {
            return observation;
        }

        var last = bundled.LastSampleTime();
        return last is null
            ? WithNote(observation, new Note(NoteKind.HistoryUnreadable) { Message = $"{bundled.ShownAs} holds no sample" })
            : Read(env, bundled.Path, observation, last, bundled.ShownAs);
    }

    private static Observation Read(CliEnvironment env, string path, Observation observation, DateTimeOffset? anchor = null, string? shownAs = null)
    {
        var model = ReportSources.FromHistory(env, path, Window, anchor: anchor, shownAs: shownAs);
        var now = anchor ?? env.Host.Time.GetUtcNow();
        IReadOnlyList<(DateTimeOffset Time, ConnectionOwner Owner)> owners;
        using (var store = HistoryStore.OpenReadOnly(path))
        {
            // Only the 4-tuples now ownerless (TIME_WAIT and the closing states) can inherit an owner.
            var orphaned = observation.Snapshot.Sockets
                .Where(s => s.Protocol == TransportProtocol.Tcp && TimeWaitOwners.IsOrphaned(s))
                .Select(s => (s.Local, s.Remote))
                .ToHashSet();
            owners = store.QueryConnections(now - Window, now + TimeSpan.FromDays(1), orphaned);
        }

        var earlier = Owners(owners, anchor is null ? ProcessStartTimes.For(env.Host.Os) : _ => null);
        var note = new Note(NoteKind.HistoryUsed)
        {
            Path = shownAs ?? path,
            Count = model.Samples,
            From = model.From,
            To = model.To,
            Numbers = new Dictionary<string, long>(StringComparer.Ordinal) { ["connections"] = earlier.Sockets.Count },
        };
        var context = observation.Context with
        {
            History = model.Series,
            HistoryProcesses = model.ProcessSeries,
            Previous = [.. observation.Context.Previous, earlier],
        };
        return WithNote(observation with { Context = context }, note);
    }

    /// <summary>
    /// The stored sightings as one earlier snapshot of ESTABLISHED sockets (the latest owner of a 4-tuple wins).
    /// A sighting whose PID now runs a process started at another time is dropped: that PID was reused.
    /// </summary>
    internal static Snapshot Owners(IReadOnlyList<(DateTimeOffset Time, ConnectionOwner Owner)> sightings, Func<int, DateTimeOffset?> startTime)
    {
        var latest = new Dictionary<(Endpoint, Endpoint), ConnectionOwner>();
        foreach (var (_, owner) in sightings)
        {
            latest[(owner.Local, owner.Remote)] = owner;
        }

        var starts = new Dictionary<int, DateTimeOffset?>();
        var sockets = new List<SocketEntry>();
        foreach (var owner in latest.Values)
        {
            if (!starts.TryGetValue(owner.Pid, out var now))
            {
                starts[owner.Pid] = now = startTime(owner.Pid);
            }

            if (owner.ProcessStart is { } then && now is { } current && (then - current).Duration() > TimeSpan.FromSeconds(2))
            {
                continue;
            }

            var family = owner.Local.Address.Contains(':', StringComparison.Ordinal) ? IpFamily.IPv6 : IpFamily.IPv4;
            sockets.Add(new SocketEntry(TransportProtocol.Tcp, family, SocketState.Established, owner.Local, owner.Remote) { Pid = owner.Pid });
        }

        var time = sightings.Count > 0 ? sightings[^1].Time : DateTimeOffset.MinValue;
        return new Snapshot { Time = time, Sockets = sockets, Sources = [TimeWaitOwners.MonitorHistorySource] };
    }

    private static Observation WithNote(Observation observation, Note note) => observation with
    {
        Snapshot = observation.Snapshot with { Notes = [.. observation.Snapshot.Notes, note] },
    };
}
