using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;

namespace PortDoctor.HealthChecks;

/// <summary>The check's judgement over one snapshot (pure): the status by the fullest pool or destination, and its data.</summary>
internal static class EphemeralPortsAssessment
{
    private const int TopCount = 5;

    public static HealthCheckResult Judge(Snapshot snapshot, EphemeralPortsHealthCheckOptions options, int ownPid, HealthStatus failureStatus)
    {
        if (MissingInput(snapshot) is { } missing)
        {
            return Unknown(missing);
        }

        var usages = EphemeralAccounting.Compute(snapshot);
        var worst = EphemeralAccounting.Headline(usages)!;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [EphemeralPortsData.UtilizationPercent] = worst.UtilizationPercent,
            [EphemeralPortsData.PortsInUse] = worst.HeadlinePorts,
            [EphemeralPortsData.Capacity] = worst.Capacity,
            [EphemeralPortsData.WorstPool] = PoolName(worst),
            [EphemeralPortsData.Scope] = Scope(worst),
            [EphemeralPortsData.TimeWaitOnlyPorts] = worst.TimeWaitOnlyPorts,
            [EphemeralPortsData.SnapshotTime] = snapshot.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        AddOwnShare(snapshot, worst, ownPid, data);
        if (options.OwnerScope == OwnerScope.All)
        {
            AddTopProcesses(snapshot, usages, data);
        }
        else
        {
            data[EphemeralPortsData.TopProcessesMissing] = "owners were resolved for this application's process only (OwnerScope.Self); set OwnerScope.All for the top processes";
        }

        var status = worst.UtilizationPercent >= options.UnhealthyPercent ? failureStatus
            : worst.UtilizationPercent >= options.DegradedPercent ? HealthStatus.Degraded
            : HealthStatus.Healthy;
        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"{PoolName(worst)}: {worst.UtilizationPercent:0.#}% in use ({worst.HeadlinePorts} of {worst.Capacity}, {Scope(worst)}); Degraded from {options.DegradedPercent:0.#}%, {failureStatus} from {options.UnhealthyPercent:0.#}%");
        return new HealthCheckResult(status, description, exception: null, data);
    }

    /// <summary>A check that cannot see is not healthy: Degraded, saying what is missing.</summary>
    public static HealthCheckResult Unknown(string missing) => new(
        HealthStatus.Degraded,
        "ephemeral port use unknown: " + missing,
        exception: null,
        new Dictionary<string, object>(StringComparer.Ordinal) { [EphemeralPortsData.Missing] = missing });

    private static string? MissingInput(Snapshot snapshot)
    {
        // An assumed default range is a guess: judging against it could call a full pool healthy.
        if (snapshot.Ports is not { Dynamic.Count: > 0, IsAssumedDefault: false })
        {
            return "the dynamic port range could not be read" + NotesText(snapshot);
        }

        // A serving application has at least its own listener: no socket at all with notes means the tables were unreadable.
        if (snapshot.Sockets.Count == 0 && snapshot.Notes.Count > 0)
        {
            return "no socket table could be read" + NotesText(snapshot);
        }

        return null;
    }

    /// <summary>The notes by kind and values ("socket-table-unreadable /proc/net/tcp6: ..."): the sentences are the CLI's.</summary>
    private static string NotesText(Snapshot snapshot) => snapshot.Notes.Count == 0 ? "" : " (" + string.Join("; ", snapshot.Notes.Select(NoteText)) + ")";

    private static string NoteText(Note note)
    {
        var what = note.Path ?? note.Command ?? note.Name;
        var text = what is null ? note.Kind.ToName() : $"{note.Kind.ToName()} {what}";
        text = note.Count != 0 ? string.Create(CultureInfo.InvariantCulture, $"{text} ({note.Count})") : text;
        return note.Message is { } message ? $"{text}: {message}" : text;
    }

    private static string PoolName(EphemeralUsage usage) =>
        (usage.Protocol == TransportProtocol.Tcp ? "tcp" : "udp")
        + (usage.Family is { } family ? (family == IpFamily.IPv4 ? "4" : "6") : "")
        + " " + usage.Range.ToString();

    private static string Scope(EphemeralUsage usage) =>
        usage.HeadlineDestination is { } d ? $"{d.LocalAddress} -> {d.Remote}" : "global";

    private static void AddOwnShare(Snapshot snapshot, EphemeralUsage worst, int ownPid, Dictionary<string, object> data)
    {
        var own = new HashSet<int>();
        foreach (var socket in snapshot.Sockets)
        {
            if (socket.Pid == ownPid && socket.Protocol == worst.Protocol && (worst.Family is null || socket.Family == worst.Family)
                && worst.Range.Contains(socket.Local.Port))
            {
                own.Add(socket.Local.Port);
            }
        }

        data[EphemeralPortsData.OwnPid] = ownPid;
        data[EphemeralPortsData.OwnPorts] = own.Count;
        data[EphemeralPortsData.OwnSharePercent] = worst.DistinctPortsHeld == 0 ? 0.0 : Math.Round(100.0 * own.Count / worst.DistinctPortsHeld, 1);
    }

    private static void AddTopProcesses(Snapshot snapshot, IReadOnlyList<EphemeralUsage> usages, Dictionary<string, object> data)
    {
        if (!snapshot.Sockets.Any(s => s.Pid is > 0))
        {
            data[EphemeralPortsData.TopProcessesMissing] = "no socket could be attributed to a process" + NotesText(snapshot);
            return;
        }

        var consumers = ProcessConsumers.Compute(snapshot, usages, TimeWaitOwners.Infer(snapshot));
        data[EphemeralPortsData.TopProcesses] = consumers
            .Where(c => c.EphemeralPorts > 0)
            .OrderByDescending(c => c.EphemeralPorts)
            .ThenBy(c => c.Pid)
            .Take(TopCount)
            .Select(c => new PortHolder(c.Pid, c.Process, c.EphemeralPorts))
            .ToArray();
        if (snapshot.PermissionProblem is { } problem)
        {
            data[EphemeralPortsData.TopProcessesMissing] = problem;
        }
    }
}
