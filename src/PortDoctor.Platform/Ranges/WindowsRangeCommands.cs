using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Core.Ranges;
using PortDoctor.Evidence.Windows;

namespace PortDoctor.Platform.Ranges;

/// <summary>
/// The netsh argument lists `range set` and `range rollback` run on Windows, built without
/// touching the machine so tests check them on any OS.
/// </summary>
internal static class WindowsRangeCommands
{
    public static IReadOnlyList<IReadOnlyList<string>> ForSet(RangeSetPlan plan) =>
        [.. plan.Current.Select(c => NetshArguments.SetDynamicPort(c.Family, c.Protocol, plan.NewRange))];

    public static IReadOnlyList<IReadOnlyList<string>> ForRestore(RangeBackup backup) =>
        [.. ToRanges(backup).Select(r => NetshArguments.SetDynamicPort(r.Family, r.Protocol, r.Range))];

    public static RangeBackup ToBackup(RangeSetPlan plan, DateTimeOffset time, string machine) => new()
    {
        Os = "windows",
        Time = time,
        Machine = machine,
        Ranges = [.. plan.Current.Select(c => new RangeBackupEntry(
            c.Protocol == TransportProtocol.Tcp ? "tcp" : "udp",
            c.Family == IpFamily.IPv4 ? "ipv4" : "ipv6",
            c.Range.Start,
            c.Range.Count))],
    };

    /// <exception cref="PortDoctorException">When the backup was written on another OS.</exception>
    public static IReadOnlyList<DynamicPortRange> ToRanges(RangeBackup backup)
    {
        if (backup.Os != "windows")
        {
            throw new PortDoctorException($"the backup is for {backup.Os}, not Windows: nothing changed");
        }

        return
        [
            .. backup.Ranges.Select(r => new DynamicPortRange(
                r.Protocol == "udp" ? TransportProtocol.Udp : TransportProtocol.Tcp,
                r.Family == "ipv6" ? IpFamily.IPv6 : IpFamily.IPv4,
                new PortRange(r.Start, r.Count))),
        ];
    }
}
