using System.Globalization;
using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Core.Ranges;
using PortDoctor.Evidence.Linux;
using PortDoctor.Platform;
using PortDoctor.Platform.Ranges;

namespace PortDoctor.Cli.Commands;

/// <summary>`range set` once parsed: validate, plan, and apply only when asked.</summary>
internal static class RangeSetRun
{
    public static int Execute(CliEnvironment env, RangeSetRequest request)
    {
        var os = env.Host.Os;
        var configuration = env.Host.ReadPortConfiguration();
        var unprivileged = configuration.Settings.TryGetValue(LinuxSettings.UnprivilegedPortStartKey, out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : (int?)null;
        var problems = PortRangeRules.Validate(request.Range.Start, request.Range.Count, os, unprivileged, ListenerPorts(env));
        foreach (var problem in problems)
        {
            env.Error.WriteLine($"portdoctor: {(problem.IsWarning ? "warning" : "error")}: {problem.Message}");
        }

        if (problems.Any(p => !p.IsWarning))
        {
            env.Error.WriteLine("portdoctor: nothing changed.");
            return (int)ExitCode.Usage;
        }

        var plan = new RangeSetPlan(Targets(env, request, configuration, os), request.Range)
        {
            Persist = request.Persist && os == OsKind.Linux,
            SysctlDirectory = request.SysctlDirectory,
        };
        if (request.Persist && os != OsKind.Linux)
        {
            env.Out.WriteLine("note: --persist is for Linux; netsh's dynamic port range already survives a reboot.");
        }

        var setter = env.Host.CreateRangeSetter();
        env.Out.WriteLine($"Plan: dynamic port range {request.Range} ({request.Range.Count} ports) for {Describe(plan.Current, os)}.");
        foreach (var current in plan.Current)
        {
            env.Out.WriteLine($"  now: {Name(current, os)} {current.Range} ({current.Range.Count} ports)");
        }

        foreach (var line in setter.Describe(plan))
        {
            env.Out.WriteLine($"  {line}");
        }

        if (!request.Apply)
        {
            env.Out.WriteLine("Nothing changed: add --yes to apply.");
            env.Out.WriteLine(RangeSetCommand.Reminder);
            return 0;
        }

        var store = new RangeBackupStore(request.StateDirectory);
        var earlier = store.Load();
        var backup = setter.Apply(plan);
        if (earlier is null)
        {
            SaveOrUndo(setter, store, backup);
            env.Out.WriteLine($"Applied. The previous range is saved in {store.FilePath}; `portdoctor range rollback --yes` restores it.");
        }
        else
        {
            if (backup.PersistFile is not null && earlier.PersistFile is null)
            {
                // The first set did not persist: the file this one wrote must go on rollback too.
                SaveOrUndo(setter, store, earlier with { PersistFile = backup.PersistFile, PersistPrevious = backup.PersistPrevious });
            }

            env.Out.WriteLine($"Applied. Kept the earlier backup from {earlier.Time.ToString("u", CultureInfo.InvariantCulture)} in {store.FilePath}: `portdoctor range rollback --yes` restores the state before PortDoctor's first change.");
        }

        env.Out.WriteLine(RangeSetCommand.Reminder);
        return 0;
    }

    /// <summary>Without a backup a rollback is impossible: if it cannot be saved, the change is undone.</summary>
    private static void SaveOrUndo(IPortRangeSetter setter, RangeBackupStore store, RangeBackup backup)
    {
        try
        {
            store.Save(backup);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            setter.Restore(backup);
            throw new PortDoctorException($"cannot save the backup {store.FilePath} ({ex.Message}): the change was undone", ExitCode.NoPermission, ex);
        }
    }

    private static List<DynamicPortRange> Targets(CliEnvironment env, RangeSetRequest request, PortConfiguration configuration, OsKind os)
    {
        if (os == OsKind.Linux)
        {
            if (request.Protocol is not null || request.Family is not null)
            {
                env.Out.WriteLine(
                    $"note: Linux has one ephemeral range ({LinuxSettings.PortRangeKey}) for TCP and UDP, IPv4 and IPv6: " +
                    "--protocol/--family cannot narrow it; the change applies to all of them.");
            }

            var current = configuration.Find(TransportProtocol.Tcp, IpFamily.IPv4)
                ?? throw new PortDoctorException($"cannot read {LinuxSettings.PortRangeKey}", ExitCode.Unavailable);
            return [current];
        }

        if (configuration.IsAssumedDefault)
        {
            throw new PortDoctorException(
                "netsh did not report the current ranges, so a rollback could not restore them: nothing changed",
                ExitCode.Unavailable);
        }

        List<DynamicPortRange> targets = [.. configuration.Dynamic.Where(d =>
            (request.Protocol is null || d.Protocol == request.Protocol) && (request.Family is null || d.Family == request.Family))];
        return targets.Count > 0
            ? targets
            : throw new PortDoctorException("netsh reported no current range for that protocol and family: nothing changed", ExitCode.Unavailable);
    }

    private static List<int>? ListenerPorts(CliEnvironment env)
    {
        try
        {
            var snapshot = env.Host.Collector.Collect(new CollectOptions { ResolveOwners = false, ProcessDetails = false, IncludeUdp = false });
            return [.. snapshot.Sockets.Where(s => s.State == SocketState.Listen).Select(s => s.Local.Port).Distinct()];
        }
        catch (PortDoctorException ex)
        {
            env.Error.WriteLine($"portdoctor: warning: listeners not checked: {ex.Message}");
            return null;
        }
    }

    private static string Describe(IReadOnlyList<DynamicPortRange> targets, OsKind os) =>
        os == OsKind.Linux ? "TCP and UDP, IPv4 and IPv6 (Linux has one range)" : string.Join(", ", targets.Select(t => Name(t, os)));

    private static string Name(DynamicPortRange range, OsKind os) =>
        os == OsKind.Linux ? LinuxSettings.PortRangeKey : $"{(range.Family == IpFamily.IPv4 ? "ipv4" : "ipv6")} {(range.Protocol == TransportProtocol.Tcp ? "tcp" : "udp")}";
}
