using System.CommandLine;
using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Core.Ranges;
using PortDoctor.Platform;
using PortDoctor.Platform.Ranges;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `portdoctor range set`: the guide's "increase the dynamic port range" workaround, validated,
/// shown as a plan unless --yes, backed up for `range rollback`.
/// </summary>
internal static class RangeSetCommand
{
    /// <summary>Printed after plans that widen the range.</summary>
    public const string Reminder =
        "Remember: widening the range only delays the recurrence; find and fix what holds the ports (portdoctor diagnose).";

    public static Command Create(CliEnvironment env)
    {
        var protocol = new Option<string?>("--protocol") { Description = "tcp or udp (Windows: default both; Linux has one range for both)" };
        protocol.AcceptOnlyFromAmong("tcp", "udp");
        var family = new Option<string?>("--family") { Description = "ipv4 or ipv6 (Windows: default both; Linux has one range for both)" };
        family.AcceptOnlyFromAmong("ipv4", "ipv6");
        var start = new Option<int?>("--start") { Description = "first port of the range (at least 1025)" };
        var count = new Option<int?>("--count") { Description = "number of ports (at least 255; start + count - 1 <= 65535)" };
        var defaults = new Option<bool>("--default") { Description = "this OS's default range: Linux 32768-60999 (count 28232), Windows 49152-65535 (count 16384)" };
        var legacy = new Option<bool>("--legacy") { Description = "the guide's Windows Server 2003 range: start 1025, count 3976 (1025-5000)" };
        var yes = new Option<bool>("--yes") { Description = "apply; without it only the plan and the exact commands are printed" };
        var allowShrink = new Option<bool>("--allow-shrink") { Description = "apply a range with fewer ports than the current one (refused without it)" };
        var persist = new Option<bool>("--persist") { Description = "Linux: also write a sysctl.d file so the range survives a reboot" };
        var stateDir = new Option<string?>("--state-dir") { Description = $"where the backup for `range rollback` is kept (or ${RangeStateLocations.StateDirVariable})" };
        var sysctlDir = new Option<string?>("--sysctl-dir") { Description = $"Linux: directory for --persist, default /etc/sysctl.d (or ${RangeStateLocations.SysctlDirVariable})" };
        var command = new Command("set", "Change the dynamic port range (netsh on Windows, ip_local_port_range on Linux); --yes applies it.")
        {
            protocol, family, start, count, defaults, legacy, yes, allowShrink, persist, stateDir, sysctlDir,
        };
        var namespaces = new NamespaceOptions(withPid: true);
        namespaces.AddTo(command);
        command.SetAction(parse =>
        {
            using var ns = namespaces.Open(parse, env);
            if (ns is not null && parse.GetValue(persist))
            {
                throw new PortDoctorException(
                    "--persist writes a sysctl.d file, which the host's own namespace reads at boot, not " + ns.Info.Label + "; nothing changed",
                    ExitCode.Usage);
            }

            var request = new RangeSetRequest(
                ParseProtocol(parse.GetValue(protocol)),
                ParseFamily(parse.GetValue(family)),
                ResolveRange(env.Host.Os, parse.GetValue(start), parse.GetValue(count), parse.GetValue(defaults), parse.GetValue(legacy)),
                parse.GetValue(yes),
                parse.GetValue(persist),
                NamespaceOptions.StateDirectory(parse.GetValue(stateDir), env.Host.StateDirectory, ns),
                RangeStateLocations.SysctlDirectory(parse.GetValue(sysctlDir)))
            {
                AllowShrink = parse.GetValue(allowShrink),
            };
            if (ns is not null)
            {
                env.Out.WriteLine($"Network namespace: {ns.Info}");
            }

            return NamespaceOptions.Run(ns, () => RangeSetRun.Execute(env, request));
        });
        return command;
    }

    private static PortRange ResolveRange(OsKind os, int? start, int? count, bool defaults, bool legacy)
    {
        var presets = (defaults ? 1 : 0) + (legacy ? 1 : 0);
        var explicitRange = start is not null || count is not null;
        if (presets + (explicitRange ? 1 : 0) != 1)
        {
            throw new PortDoctorException("give either --start and --count, or --default, or --legacy", ExitCode.Usage);
        }

        if (defaults)
        {
            return PortRangeRules.DefaultFor(os);
        }

        if (legacy)
        {
            return PortRangeRules.WindowsLegacy;
        }

        if (start is null || count is null)
        {
            throw new PortDoctorException("--start and --count go together", ExitCode.Usage);
        }

        return new PortRange(start.Value, count.Value);
    }

    private static TransportProtocol? ParseProtocol(string? text) => text switch
    {
        "tcp" => TransportProtocol.Tcp,
        "udp" => TransportProtocol.Udp,
        _ => null,
    };

    private static IpFamily? ParseFamily(string? text) => text switch
    {
        "ipv4" => IpFamily.IPv4,
        "ipv6" => IpFamily.IPv6,
        _ => null,
    };
}
