using System.Globalization;
using PortDoctor.Core.Model;
using PortDoctor.Core.Ranges;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// Concrete steps in the order to take them: fix the application (per pattern), relieve the host
/// now (what actually frees that pattern's ports, widen the range with the exact command), and
/// reboot only last. Steps stay text plus an exact command (data where it matters: the command).
/// </summary>
internal static class RemediationPlan
{
    /// <param name="ownersHidden">Sockets whose owners could not be read may hold the culprit: reading them comes first.</param>
    /// <param name="portsHeld">Linux: most ports hold a socket though connects still find ports (<see cref="PortsHeldFinding"/>).</param>
    public static IReadOnlyList<RemediationStep> Build(
        Verdict verdict, OsKind os, IReadOnlyList<Culprit> culprits, EphemeralUsage? headline, bool ownersHidden = false, bool portsHeld = false)
    {
        var steps = new List<RemediationStep>();
        var windows = os == OsKind.Windows;
        if (ownersHidden)
        {
            steps.Add(new RemediationStep(
                "application",
                $"run `portdoctor diagnose` again as {(windows ? "Administrator" : "root")}: the owners of some sockets could not be read, and they may be the culprit"));
        }

        if (verdict == Verdict.Healthy)
        {
            return steps;
        }

        foreach (var culprit in culprits.Take(3))
        {
            steps.Add(new RemediationStep("application", $"{Who(culprit)}: {AppFix(culprit, windows)}{Inherited(culprit)}"));
        }

        if (culprits.Count == 0 && !ownersHidden)
        {
            steps.Add(new RemediationStep(
                "application",
                "find the process holding the ports (`portdoctor connections --group-by process`) and make it reuse connections and close them on every path, errors included"));
        }

        if (portsHeld && !culprits.Take(3).Any(c => c.Pattern == LeakPattern.Bound))
        {
            steps.Add(new RemediationStep(
                "application",
                "programs that bind a source address before connect() hold the port for every destination: set IP_BIND_ADDRESS_NO_PORT before bind so the port is chosen at connect time and shared; listeners should use a fixed port outside the range, not port 0"));
        }

        foreach (var culprit in culprits.Take(1))
        {
            steps.Add(new RemediationStep("relief", Relief(culprit, windows)));
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
            LeakPattern.Closing => $"the connections{destination} stay half-closed: FIN_WAIT_2 means the peer never closes its side, FIN_WAIT_1/LAST_ACK that it never acknowledges; fix or time out the peer, and in the application call close() after shutdown() on every path (a half-closed socket waits for the peer forever)" +
                (windows ? "" : "; net.ipv4.tcp_fin_timeout bounds how long orphaned FIN_WAIT_2 sockets stay"),
            LeakPattern.UdpBound => "close UDP sockets after use, or reuse one socket for many requests (DNS lookups, metrics senders): every open UDP socket holds its port until closed",
            _ => $"check that the destination{destination} answers (service down, firewall dropping SYNs), and bound the connects: timeouts, back-off, a cap on concurrent attempts",
        };
    }

    private static string Inherited(Culprit culprit) => culprit.SharedWith.Count == 0 ? "" :
        "; its sockets are held by other processes too: a child inherits every open socket over fork (and over exec without SOCK_CLOEXEC), so close them in the child after fork and open sockets with SOCK_CLOEXEC";

    /// <summary>"PID 7 and the 2 processes that hold its sockets too (PIDs 8, 9)": a port is free only once every holder closes it.</summary>
    private static string WithSharers(Culprit culprit)
    {
        if (culprit.SharedWith.Count == 0)
        {
            return Who(culprit);
        }

        var pids = string.Join(", ", culprit.SharedWith.Take(5).Select(s => s.Pid.ToString(CultureInfo.InvariantCulture)));
        var more = culprit.SharedWith.Count > 5 ? ", ..." : "";
        var n = culprit.SharedWith.Count;
        return string.Create(CultureInfo.InvariantCulture, $"{Who(culprit)} and the {n} {(n == 1 ? "process" : "processes")} that hold its sockets too (PID{(n == 1 ? "" : "s")} {pids}{more})");
    }

    private static string Who(Culprit culprit) =>
        culprit.MemberPids.Count > 1 ? Culprits.Members(culprit) :
        culprit.Process is { } name ? $"{name} (PID {culprit.Pid})" : $"PID {culprit.Pid}";

    /// <summary>What frees the pattern's ports now. TIME_WAIT (and orphaned closing sockets) belong to the kernel: a restart does not free them.</summary>
    private static string Relief(Culprit culprit, bool windows) => culprit.Pattern switch
    {
        LeakPattern.TimeWait => string.Create(
            CultureInfo.InvariantCulture,
            $"TIME_WAIT sockets belong to the kernel, not to {Who(culprit)}: restarting it frees only its live connections. ") +
            (windows
                ? "They expire after TcpTimedWaitDelay (120 s by default, 30 s minimum, HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters); the lasting relief is connection reuse (keep-alive, pooling) in the application and a wider range"
                : "They expire after 60 s (2*MSL, fixed in Linux); the lasting relief is connection reuse (keep-alive, pooling) in the application, net.ipv4.tcp_tw_reuse=1 for outbound connects, and a wider range"),
        LeakPattern.Closing => $"sockets {Who(culprit)} still holds go with a restart; orphaned ones (already closed by the application) belong to the kernel and time out on their own" +
            (windows ? "" : " after net.ipv4.tcp_fin_timeout (60 s by default) for FIN_WAIT_2"),
        _ => culprit.SharedWith.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"restart {Who(culprit)} to release {(culprit.MemberPids.Count > 1 ? "their" : "its")} {culprit.Ports} ports now; they come back unless the code is fixed")
            : string.Create(CultureInfo.InvariantCulture, $"restart {WithSharers(culprit)} to release its {culprit.Ports} ports now: a port is freed only when every process holding its socket closes it, so restarting {Who(culprit)} alone frees none of them; they come back unless the code is fixed"),
    };

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
