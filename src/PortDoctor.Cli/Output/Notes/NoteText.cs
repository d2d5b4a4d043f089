using System.Globalization;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;

namespace PortDoctor.Cli.Output.Notes;

/// <summary>Notes in words: the only place their sentences are written (stderr, JSON's <c>notes</c>).</summary>
internal static class NoteText
{
    private const int ListedPids = 10;

    /// <summary>The sentence, after "FILE: " when the note is about one evidence file.</summary>
    public static string Render(Note note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var text = Sentence(note);
        return note.File is { } file && note.Kind is not NoteKind.SourceRead ? $"{file}: {text}" : text;
    }

    public static IReadOnlyList<string> Render(IEnumerable<Note> notes) => [.. notes.Select(Render)];

    private static string Sentence(Note n) => n.Kind switch
    {
        NoteKind.SockDiagRefused => Invariant($"netlink sock_diag refused {n.Name} (errno {n.Code}); read {n.Path} instead, which does not list bound-only TCP sockets"),
        NoteKind.ProcNetLineSkipped => Invariant($"skipped {n.Path}:{n.Line}: {n.Message}"),
        NoteKind.SocketTableUnreadable => $"{n.Path}: not readable ({n.Message}); no {n.Name} sockets listed",
        NoteKind.OwnersLimitedToProcesses => Invariant($"owners resolved among process {Listed(n.Names, ListedPids, ", ...")} only; {Count(n.Count, "other socket is", "other sockets are")} listed without owner"),
        NoteKind.InodesWithoutProcess => $"{Has(n.Count)} an inode held by no process (opened or closed while the snapshot was taken, or held in another PID namespace)",
        NoteKind.SocketFdsInNoTable => Invariant($"{Count(n.Count, "socket fd of an owning process is", "socket fds of owning processes are")} in no TCP/UDP table (unix/netlink sockets, or bound-only sockets on kernels whose sock_diag hides them)"),
        NoteKind.KernelLogNotStarted => "kernel log not read: dmesg did not start",
        NoteKind.KernelLogTimedOut => "kernel log not read: dmesg did not finish in time",
        NoteKind.KernelLogUnavailable => $"kernel log not read: dmesg is not available ({n.Message})",
        NoteKind.KernelLogRefused => $"kernel log not read: {n.Message}",
        NoteKind.NotAdministrator => "not running as administrator: handle counts and command lines of other users' and system processes are not shown",
        NoteKind.ProcessesDenied => Count(n.Count, "process refused access to its details", "processes refused access to their details"),
        NoteKind.BoundSocketsUnlisted => $"BOUND sockets not listed: PowerShell's Get-NetTCPConnection could not run ({n.Message})",
        NoteKind.NetshGaveNoRange => $"'{n.Command}' gave no range: assumed the Windows default {n.Range}",
        NoteKind.NetshUnreadable => n.Message ?? "netsh output not readable",
        NoteKind.CommandFailed => Invariant($"'{n.Command}' exited with {n.Code}: {n.Message}").Trim(),
        NoteKind.CommandNotRun => $"'{n.Command}' could not run: {n.Message}",
        NoteKind.RegistryUnreadable => $"registry {n.Path} not readable: {n.Message}",
        NoteKind.MaxUserPortIgnored => Invariant($"MaxUserPort is {n.Count} in the registry; it has no effect on Windows Vista/Server 2008 and later (netsh's dynamic port range rules)"),
        NoteKind.TcpipEventsUnread => $"Tcpip events not read from the System log: {n.Message}",
        _ => FileSentence(n),
    };

    private static string FileSentence(Note n) => n.Kind switch
    {
        NoteKind.SourceRead => $"source {n.Name}",
        NoteKind.UnreadableLines => UnreadableLines(n),
        NoteKind.EmptyFile => "file is empty: contributes nothing",
        NoteKind.UnknownFormat => $"not a known evidence format (first line: {n.Name}): skipped",
        NoteKind.EndsInsideLine => "the file ends inside its last line (no line ending after it): cut short? that line may be incomplete",
        NoteKind.LastSampleCut => Invariant($"the file ends inside its last line (no line ending after it): its last sample{(n.From is { } t ? Invariant($" ({t:u})") : "")} may be cut short and is left out: the sample before it is the latest used"),
        NoteKind.NestedArchiveSkipped => "a zip archive inside another archive or on standard input: give it as a file: skipped",
        NoteKind.BundleManifestSkipped => "the bundle's manifest: not evidence, skipped",
        NoteKind.BundleHistorySkipped => "the monitor's history: read for the trend and TIME_WAIT owners, not as a snapshot",
        NoteKind.LinePrefixStripped => $"every line began with {n.Name}: read without it",
        NoteKind.NoTimeInFile => $"no time in the file: {n.Name} was used",
        NoteKind.RangeAssumedFromSibling => $"no {n.Family} {Upper(n.Protocol)} range given: assumed equal to {n.Name} ({n.Range})",
        NoteKind.LinuxRangeAssumed => $"{NoRange(n)}: assumed the Linux default {Dash(n.Range)} — pass the output of `sysctl net.ipv4.ip_local_port_range` to be exact",
        NoteKind.WindowsRangeAssumed => $"{NoRange(n)}: assumed the Windows default {Dash(n.Range)} — pass the netsh output to be exact",
        NoteKind.RangeAssumed => $"{NoRange(n)}: assumed {Dash(n.Range)} (the default of Windows and macOS) — pass `sysctl net.inet.ip.portrange` (macOS/BSD) or the netsh output to be exact",
        NoteKind.SocketsMergedFromFile => Invariant($"{n.Name} taken with {n.Names.FirstOrDefault()} (within {Number(n, "windowMinutes")} minutes): merged {Count(Number(n, "bound"), "BOUND socket", "BOUND sockets")} and names of {Count(Number(n, "named"), "process", "processes")} from it"),
        NoteKind.LatestSnapshotUsed => Invariant($"{Count(n.Count, "file", "files")} gave sockets: the verdict uses the latest snapshot ({n.Name}), not {string.Join(", ", n.Names)}"),
        NoteKind.ProcessListMerged => Invariant($"{Count(n.Count, "process", "processes")} ({Number(n, "named")} names, {Number(n, "handleCounts")} handle counts added); {Number(n, "owningSockets")} of them own sockets in the snapshot"),
        NoteKind.NetshWithoutTitle => "netsh output without its title line (\"Protocol tcp ...\"): read as TCP, the protocol such pastes show",
        NoteKind.NetshFamilyAssumed => "netsh output does not say IPv4 or IPv6: the first block per protocol was read as IPv4, a repeat as IPv6",
        NoteKind.ExclusionsIgnored => Invariant($"{Count(n.Count, "excluded port range", "excluded port ranges")} after the first {Number(n, "kept")} ignored (more than any host sets: a damaged file?)"),
        NoteKind.ExclusionsBothFamilies => "excluded port ranges apply to both IPv4 and IPv6 (the output does not say which)",
        NoteKind.NoPidColumn => "no PID column: per-process attribution unavailable",
        NoteKind.NoPidColumnImageNames => "no PID column (netstat -anb): processes known by image name only",
        NoteKind.OwnershipUnavailable => Invariant($"{Sockets(n.Count)} without ownership information (netstat -b needs an elevated prompt)"),
        NoteKind.TimeWaitWithoutOwner => "TIME_WAIT rows carry no owner (PID 0): their process can only be inferred",
        NoteKind.UnknownStateName => Invariant($"state name \"{n.Name}\" not recognised ({Count(n.Count, "row", "rows")} kept as UNKNOWN)"),
        NoteKind.TimestampsWithoutZone => "timestamps carry no time zone: read as UTC",
        NoteKind.DatesReadDayFirst => "dates like 03/04 were read day-first: no date in the log showed the order",
        NoteKind.HostNamesForAddresses => "host names instead of addresses (netstat without -n): addresses as printed",
        NoteKind.UnknownServiceNames => "some ports were service names we do not know: shown as port 0",
        _ => FormatSentence(n),
    };

    private static string FormatSentence(Note n) => n.Kind switch
    {
        NoteKind.NoOwningProcessValues => "no OwningProcess values: per-process attribution unavailable",
        NoteKind.NoOwningProcessProperty => "no OwningProcess property: per-process attribution unavailable",
        NoteKind.NoOwningProcessColumn => "no OwningProcess column: per-process attribution unavailable",
        NoteKind.TemplatesDiffer => $"Get-NetTCPSetting templates differ: the range of {(n.Name is { Length: > 0 } name ? name : "the first")} ({n.Range}) was used, not {string.Join(", ", n.Names)}",
        NoteKind.GroupObjectCountsOnly => "Group-Object output has counts only: no addresses or ports (port usage per range cannot be computed; pass Export-Csv for that)",
        NoteKind.GroupedWithoutState => "grouped without State: the sockets' states are unknown (only counts per process)",
        NoteKind.JsonDamaged => "the JSON ends early or is damaged: objects after the damage were not read",
        NoteKind.JsonTrailingText => "text after the end of the JSON value was not read (one ConvertTo-Json output per file)",
        NoteKind.TableCellsCut => "table cells may be cut by the console width: Export-Csv or ConvertTo-Json keeps every value",
        NoteKind.EventXmlDamaged => Invariant($"the XML ends early or is damaged: {Count(n.Count, "unreadable event", "unreadable events")} skipped"),
        NoteKind.OtherEventsIgnored => Invariant($"{Count(n.Count, "event", "events")} other than Tcpip 4227/4231 ignored"),
        NoteKind.EventsWithoutDate => Invariant($"{Count(n.Count, "event", "events")} without a date (an excerpt without its Date line): the file's modification time was used for {(n.Count == 1 ? "it" : "them")}"),
        NoteKind.EventsWithoutYear => Invariant($"{Count(n.Count, "event time", "event times")} without a year (Get-EventLog's table): the year was taken from the file's modification time"),
        NoteKind.EventIdsFromMessage => Invariant($"{Count(n.Count, "event without an id was recognised by its", "events without an id were recognised by their")} message text"),
        NoteKind.NoConfirmingEvents => "no Tcpip 4227/4231 events: no event confirms exhaustion in this export",
        NoteKind.TaskListProcesses => "a process list (names by PID, no handle counts: Get-Process has them), not sockets: added to the socket snapshot's processes",
        NoteKind.ProcessListWithHandles => "a process list (handle counts by PID), not sockets: added to the socket snapshot's processes",
        NoteKind.ProcessListNamesOnly => "a process list without handle counts (names by PID only), not sockets: added to the socket snapshot's processes",
        NoteKind.StateCountsOnly => "counts per state only: no addresses, ports or processes (port usage per range cannot be computed; pass the netstat or ss output itself for that)",
        NoteKind.BsdWithoutProcess => "no process column (netstat -an; macOS netstat -anv adds process:pid): per-process attribution unavailable",
        NoteKind.BsdNotModelled => "macOS/BSD/Solaris: this OS is not modelled (ports are counted as on Linux, per destination; suggested commands are Linux ones); macOS uses 49152–65535, FreeBSD 10000–65535, Solaris 32768–65535: pass `sysctl net.inet.ip.portrange` (macOS/BSD) to be exact",
        NoteKind.SockstatNonSocketRows => Invariant($"{Count(n.Count, "sockstat row is not a TCP/UDP socket", "sockstat rows are not TCP/UDP sockets")} (UNIX, SCTP): skipped"),
        NoteKind.SockstatWithoutState => Invariant($"sockstat without -s prints no state: {Count(n.Count, "TCP row", "TCP rows")} with a peer read as ESTABLISHED, without one as LISTEN (`sockstat -46s` prints the state)"),
        _ => LinuxSentence(n),
    };

    private static string LinuxSentence(Note n) => n.Kind switch
    {
        NoteKind.NetstatWithoutPid => "no PID column (netstat without -p): per-process attribution unavailable",
        NoteKind.NetstatOwnerDash => "some rows show '-' for the owner (netstat -p run without root, or TIME_WAIT): their process is unknown",
        NoteKind.NetstatUntimedTables => Invariant($"{Count(n.Count, "netstat table", "netstat tables")} one after another without times (netstat -c, or several runs pasted): each is a sample, the last one is analysed"),
        NoteKind.UnknownStateNames => $"state names we do not know, kept as UNKNOWN: {string.Join(", ", n.Names)}",
        NoteKind.IPv6AddressesCut => "IPv6 addresses cut to the column width (netstat without -W): kept as printed, ports intact; `netstat -W` prints them whole",
        NoteKind.TimeZoneUnresolved => $"time zone \"{n.Name}\" cannot be resolved from the file: its times were read as UTC",
        NoteKind.SsWithoutProcess => "no process column (ss without -p): per-process attribution unavailable",
        NoteKind.SsSummaryOnly => "ss -s gives totals only: no ports, no processes",
        NoteKind.SsWithoutNetid => n.Protocol == TransportProtocol.Udp
            ? "no Netid column: rows read as UDP because the file name says udp"
            : "no Netid column: rows read as TCP (name the file with \"udp\" for ss -uan output)",
        NoteKind.SsUntimedTables => Invariant($"{Count(n.Count, "ss table", "ss tables")} with the same header one after another without times: each is a sample, the last one is analysed"),
        NoteKind.SsDetailLines => Invariant($"{Count(n.Count, "ss detail line", "ss detail lines")} (-i/-m/-e continuation lines) skipped"),
        NoteKind.SsStateFromCommand => Invariant($"no State column (ss with a state filter): {Count(n.Count, "row", "rows")} taken as {n.Name} from the ss command line"),
        NoteKind.SsStateFromFileName => Invariant($"no State column (ss with a state filter): {Count(n.Count, "row", "rows")} taken as {n.Name} from the file name"),
        NoteKind.SsStateUnknown => Invariant($"no State column (ss with a state filter): the state of {Count(n.Count, "row", "rows")} is unknown — keep the ss command line in the file or name the file after the state (e.g. ss-time-wait.txt)"),
        NoteKind.SockstatTotalsOnly => "sockstat gives kernel-wide totals only (sockets in use, orphans, TIME_WAIT): no ports, no processes",
        NoteKind.TwoNumbersAsLinuxRange => "two numbers alone read as the Linux ip_local_port_range (a copy of /proc/sys/net/ipv4/ip_local_port_range or sysctl -n)",
        NoteKind.ProcNetWithoutPids => $"/proc/net tables carry inodes, not PIDs: per-process attribution unavailable; protocol {Upper(n.Protocol)} taken from the file name",
        NoteKind.LsofWithoutTimeWait => "lsof lists sockets of processes only: TIME_WAIT sockets (no owner) are not in it",
        NoteKind.LsofNonSocketRows => Invariant($"{Count(n.Count, "lsof row is not a TCP/UDP socket", "lsof rows are not TCP/UDP sockets")} (files, pipes, unix sockets): skipped"),
        NoteKind.LsofWarnings => Invariant($"lsof printed {Count(n.Count, "warning", "warnings")} (such as file systems it could not stat): read past them"),
        _ => CliSentence(n),
    };

    private static string CliSentence(Note n) => n.Kind switch
    {
        NoteKind.OfflineNoProbe => "offline evidence: no outbound test was run; exhaustion is confirmed only by events 4227/4231 in the files or a pool at its limit",
        NoteKind.HistoryNotForNamespace => "history: none (the default history is of this host's own namespace; give --db for one of the namespace)",
        NoteKind.HistoryFileMissing => $"history: none (no file at {n.Path}; `portdoctor monitor` writes one, or give --db PATH): no forecast from history",
        NoteKind.HistoryUnreadable => $"history: none ({n.Message})",
        NoteKind.HistoryUsed => Invariant($"history: {n.Path}, {Count(n.Count, "sample", "samples")} from {n.From:u} to {n.To:u}, {Number(n, "connections")} of the live TIME_WAIT 4-tuples seen there with an owner"),
        NoteKind.OwnerlessSockets => Ownerless(n),
        NoteKind.NamelessOwners => Nameless(n),
        _ => n.Kind.ToName(),
    };

    private static string UnreadableLines(Note n)
    {
        var lines = string.Join(", ", n.Lines.Select(l => l.ToString(CultureInfo.InvariantCulture)));
        return Invariant($"{n.Count} unreadable line{(n.Count == 1 ? "" : "s")}: {lines}{(n.Count > n.Lines.Count ? ", ..." : "")}");
    }

    private static string Ownerless(Note n)
    {
        var (kernel, others) = (Number(n, "kernel"), Number(n, "others"));
        var parts = new List<string>();
        if (kernel > 0)
        {
            parts.Add(Invariant($"{kernel} TIME_WAIT or closing: the kernel keeps them after their process closed them"));
        }

        if (others > 0)
        {
            parts.Add(Invariant($"{others} whose owner was not found: another user's process without the privilege to see it, or opened or closed while reading"));
        }

        return $"{Sockets(n.Count)} {(n.Count == 1 ? "has" : "have")} no owning process ({string.Join("; ", parts)}); shown with PID and Process \"-\"";
    }

    private static string Nameless(Note n)
    {
        const int shown = 5;
        var more = n.Names.Count > shown ? Invariant($" and {n.Names.Count - shown} more") : "";
        var noun = n.Names.Count == 1 ? "PID" : "PIDs";
        return $"{Sockets(n.Count)} {(n.Count == 1 ? "belongs" : "belong")} to a process whose name could not be read ({noun} {Listed(n.Names, shown, "")}{more}): it exited while the snapshot was taken, or the source gives no names; shown as {Connections.ConnectionsOwnerNotes.UnknownName}";
    }

    private static string NoRange(Note n) => n.Names.Count == 0 ? "no range given" : $"no {string.Join("/", n.Names)} range given";

    /// <summary>"32768–60999", as the assumed-range notes always wrote it.</summary>
    private static string Dash(PortRange? range) => range is { } r ? Invariant($"{r.Start}–{r.End}") : "";

    private static string Upper(TransportProtocol? protocol) => protocol == TransportProtocol.Udp ? "UDP" : "TCP";

    private static string Listed(IReadOnlyList<string> names, int most, string ellipsis) =>
        string.Join(", ", names.Take(most)) + (names.Count > most ? ellipsis : "");

    private static long Number(Note n, string name) => n.Numbers.GetValueOrDefault(name);

    private static string Has(long count) => count == 1 ? "1 socket has" : Invariant($"{count} sockets have");

    private static string Sockets(long count) => count == 1 ? "1 socket" : Invariant($"{count} sockets");

    private static string Count(long count, string one, string many) => Output.Diagnose.FindingText.Count(count, one, many);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
