using System.Globalization;
using PortDoctor.Core.Model;
using PortDoctor.Core.Ranges;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// Concrete steps in the order to take them: fix the application (per pattern), relieve the host
/// now (restart the culprit, widen the range with the exact command), and reboot only last.
/// </summary>
public static class RemediationPlan
{
    public static IReadOnlyList<RemediationStep> Build(Verdict verdict, OsKind os, IReadOnlyList<Culprit> culprits, EphemeralUsage? headline)
    {
        if (verdict == Verdict.Healthy)
        {
            return [];
        }

        var steps = new List<RemediationStep>();
        var windows = os == OsKind.Windows;
        foreach (var culprit in culprits.Take(3))
        {
            steps.Add(new RemediationStep("application", $"{culprit.Process} (PID {culprit.Pid}): {AppFix(culprit, windows)}"));
        }

        if (culprits.Count == 0)
        {
            steps.Add(new RemediationStep(
                "application",
                "find the process holding the ports (`portdoctor connections --group-by process`) and make it reuse connections and close them on every path, errors included"));
        }

        foreach (var culprit in culprits.Take(1))
        {
            steps.Add(new RemediationStep("relief", $"restart {culprit.Process} (PID {culprit.Pid}) to release its {culprit.Ports} ports now; they come back unless the code is fixed"));
        }

        if (headline is not null)
        {
            steps.Add(Widen(os, headline));
        }

        steps.Add(new RemediationStep("last-resort", "reboot only as a last resort: it frees every port at once, and the leak starts again"));
        return steps;
    }

    private static string AppFix(Culprit culprit, bool windows)
    {
        var destination = culprit.TopDestination is { } remote ? $" toward {remote}" : "";
        return culprit.Pattern switch
        {
            LeakPattern.Bound => windows
                ? "do not bind() before connect(); when a source address is needed, set SO_REUSE_UNICASTPORT before bind so the port is chosen at connect time and shared; close sockets whose connect failed"
                : "do not bind() before connect(); when a source address is needed, set IP_BIND_ADDRESS_NO_PORT before bind so the port is chosen at connect time and can be shared across destinations; close sockets whose connect failed",
            LeakPattern.Established => $"pool and reuse connections{destination} (one shared client, a cap on the pool size, idle connections closed), and close on error" +
                (windows ? "; SO_REUSE_UNICASTPORT lets outbound connects share local ports" : ""),
            LeakPattern.CloseWait => "close the socket when a read returns 0 (the peer closed) and in every error and finally path: CLOSE_WAIT never expires on its own",
            LeakPattern.TimeWait => $"reuse connections{destination} (keep-alive, pooling) instead of one connection per request; the side that closes first keeps the TIME_WAIT" +
                (windows ? "; SO_REUSE_UNICASTPORT lets outbound connects share local ports" : "; net.ipv4.tcp_tw_reuse=1 lets new outgoing connects reuse TIME_WAIT ports (needs tcp_timestamps)"),
            _ => $"check that the destination{destination} answers (service down, firewall dropping SYNs), and bound the connects: timeouts, back-off, a cap on concurrent attempts",
        };
    }

    private static RemediationStep Widen(OsKind os, EphemeralUsage headline)
    {
        var current = headline.Range;
        var wider = PortRangeRules.SuggestWider(current, os == OsKind.Windows ? OsKind.Windows : OsKind.Linux);
        const string Delay = "widening the range only delays the recurrence; it does not fix the leak";
        if (wider == current)
        {
            return new RemediationStep("relief", $"the range {current} cannot be widened further within the platform's rules; {Delay}");
        }

        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"relieve the host: widen the dynamic range from {current} ({current.Count} ports) to {wider} ({wider.Count} ports); {Delay}. " +
            $"`portdoctor range set --start {wider.Start} --count {wider.Count}{WindowsTarget(os, headline)} --yes` does the same with a backup for `portdoctor range rollback`");
        string command;
        if (os == OsKind.Windows)
        {
            command = NetshArguments.Display(NetshArguments.SetDynamicPort(
                headline.Family ?? IpFamily.IPv4, headline.Protocol, wider));
        }
        else
        {
            var value = string.Create(CultureInfo.InvariantCulture, $"{wider.Start} {wider.End}");
            command = $"sysctl -w {LinuxSettings.PortRangeKey}=\"{value}\" && echo '{LinuxSettings.PortRangeKey} = {value}' > /etc/sysctl.d/{LinuxSettings.PersistFileName}";
        }

        return new RemediationStep("relief", text) { Command = command };
    }

    /// <summary>Windows keeps one range per protocol and family: name the pool that ran out.</summary>
    private static string WindowsTarget(OsKind os, EphemeralUsage headline) =>
        os != OsKind.Windows ? "" :
        $" --protocol {(headline.Protocol == TransportProtocol.Udp ? "udp" : "tcp")} --family {(headline.Family == IpFamily.IPv6 ? "ipv6" : "ipv4")}";
}
