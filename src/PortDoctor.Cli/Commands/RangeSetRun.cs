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
        var shrinksFrom = plan.Current.Where(c => c.Range.Count > request.Range.Count).Select(c => c.Range.Count).DefaultIfEmpty().Max();
        var widens = plan.Current.Any(c => c.Range.Count < request.Range.Count);
        if (shrinksFrom > 0)
        {
            env.Out.WriteLine($"Warning: this plan shrinks the dynamic port range from {shrinksFrom} to {request.Range.Count} ports; fewer ports exhaust sooner.");
        }

        PrintPlan(env, plan, setter, os);
        if (!request.Apply)
        {
            env.Out.WriteLine(shrinksFrom > 0 && !request.AllowShrink ? "Nothing changed: add --yes --allow-shrink to apply." : "Nothing changed: add --yes to apply.");
            PrintReminder(env, widens);
            return 0;
        }

        if (shrinksFrom > 0 && !request.AllowShrink)
        {
            env.Error.WriteLine($"portdoctor: the plan shrinks the range from {shrinksFrom} to {request.Range.Count} ports: add --allow-shrink to apply it; nothing changed.");
            return (int)ExitCode.Usage;
        }

        var store = new RangeBackupStore(request.StateDirectory);
        var earlier = new RangeChange(setter, store, env.Time).Set(plan);
        env.Out.WriteLine(earlier is null
            ? $"Applied. The previous range is saved in {store.FilePath}; `portdoctor range rollback --yes` restores it."
            : $"Applied. Kept the earlier backup from {earlier.Time.ToString("u", CultureInfo.InvariantCulture)} in {store.FilePath}: " +
              "`portdoctor range rollback --yes` restores the state before PortDoctor's first change.");
        PrintReminder(env, widens);
        return 0;
    }

    private static void PrintPlan(CliEnvironment env, RangeSetPlan plan, IPortRangeSetter setter, OsKind os)
    {
        env.Out.WriteLine($"Plan: dynamic port range {plan.NewRange} ({plan.NewRange.Count} ports) for {Describe(plan.Current, os)}.");
        foreach (var current in plan.Current)
        {
            env.Out.WriteLine($"  now: {Name(current, os)} {current.Range} ({current.Range.Count} ports)");
        }

        foreach (var line in setter.Describe(plan))
        {
            env.Out.WriteLine($"  {line}");
        }
    }

    private static void PrintReminder(CliEnvironment env, bool widens)
    {
        if (widens)
        {
            env.Out.WriteLine(RangeSetCommand.Reminder);
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
