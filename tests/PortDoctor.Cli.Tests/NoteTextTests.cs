using PortDoctor.Cli.Output.Notes;
using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>Notes are data; these are the places their sentences and JSON shape are checked (one per family of kinds).</summary>
public class NoteTextTests
{
    [Fact]
    public void Every_kind_has_its_own_wire_name_and_a_sentence()
    {
        var kinds = Enum.GetValues<NoteKind>();
        var names = kinds.Select(k => k.ToName()).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", n));

        // The renderer falls back to the wire name for a kind it does not know: every kind must have a sentence.
        Assert.All(kinds, k => Assert.NotEqual(k.ToName(), NoteText.Render(new Note(k))));
    }

    [Fact]
    public void A_live_hosts_note_says_what_was_read_and_what_the_os_answered()
    {
        var note = new Note(NoteKind.SocketTableUnreadable) { Path = "/proc/thread-self/net/tcp6", Name = "tcp6", Message = "No such file or directory" };

        Assert.Equal("/proc/thread-self/net/tcp6: not readable (No such file or directory); no tcp6 sockets listed", NoteText.Render(note));
        Assert.Equal(
            "netlink sock_diag refused tcp (errno 13); read /proc/thread-self/net/tcp instead, which does not list bound-only TCP sockets",
            NoteText.Render(new Note(NoteKind.SockDiagRefused) { Name = "tcp", Code = 13, Path = "/proc/thread-self/net/tcp" }));
        Assert.Equal(
            "'netsh int ipv4 show dynamicport tcp' exited with 1: The requested operation requires elevation.",
            NoteText.Render(new Note(NoteKind.CommandFailed) { Command = "netsh int ipv4 show dynamicport tcp", Code = 1, Message = "The requested operation requires elevation." }));
    }

    [Fact]
    public void A_files_note_starts_with_the_file_and_counts_are_said_in_words()
    {
        Assert.Equal("netstat.txt: 1 socket without ownership information (netstat -b needs an elevated prompt)",
            NoteText.Render(new Note(NoteKind.OwnershipUnavailable) { File = "netstat.txt", Count = 1 }));
        Assert.Equal("log.txt: 23 unreadable lines: 3, 9, ...",
            NoteText.Render(new Note(NoteKind.UnreadableLines) { File = "log.txt", Count = 23, Lines = [3, 9] }));
        Assert.Equal("no TCP range given: assumed the Linux default 32768–60999 — pass the output of `sysctl net.ipv4.ip_local_port_range` to be exact",
            NoteText.Render(new Note(NoteKind.LinuxRangeAssumed) { Range = PortRange.FromBounds(32768, 60999), Names = ["TCP"] }));
    }

    [Fact]
    public void A_count_of_one_is_said_in_the_singular_in_every_note()
    {
        // "1 sockets", "1 lsof rows are": a count of one reads as one thing, whatever the kind.
        var plural = new System.Text.RegularExpressions.Regex(
            @"\b1 ([a-z/-]+ )?(sockets|processes|rows|lines|events|event times|files|ranges|warnings|fds|tables)\b|\b1 [^,;:(]*\b(are|were|have) ",
            System.Text.RegularExpressions.RegexOptions.None,
            TimeSpan.FromSeconds(1));
        foreach (var kind in Enum.GetValues<NoteKind>())
        {
            var text = NoteText.Render(new Note(kind) { Count = 1, Name = "x", Names = ["y"], Path = "p", Message = "m" });
            Assert.False(plural.IsMatch(text), $"{kind}: {text}");
        }

        Assert.Equal(
            "3 lsof rows are not TCP/UDP sockets (files, pipes, unix sockets): skipped",
            NoteText.Render(new Note(NoteKind.LsofNonSocketRows) { Count = 3 }));
        Assert.Equal(
            "1 lsof row is not a TCP/UDP socket (files, pipes, unix sockets): skipped",
            NoteText.Render(new Note(NoteKind.LsofNonSocketRows) { Count = 1 }));
    }

    [Fact]
    public void The_clis_own_notes_name_their_numbers()
    {
        var history = new Note(NoteKind.HistoryUsed)
        {
            Path = "/var/lib/portdoctor/history.db",
            Count = 120,
            From = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero),
            Numbers = new Dictionary<string, long>(StringComparer.Ordinal) { ["connections"] = 7 },
        };

        Assert.Equal("history: /var/lib/portdoctor/history.db, 120 samples from 2026-12-01 10:00:00Z to 2026-12-01 12:00:00Z, 7 of the live TIME_WAIT 4-tuples seen there with an owner", NoteText.Render(history));
        Assert.Equal("1 socket belongs to a process whose name could not be read (PID 42): it exited while the snapshot was taken, or the source gives no names; shown as (unknown)",
            NoteText.Render(new Note(NoteKind.NamelessOwners) { Count = 1, Names = ["42"] }));
    }

    [Fact]
    public void The_json_of_a_note_holds_its_kind_place_and_values()
    {
        var json = NoteView.ToJson(new Note(NoteKind.ProcNetLineSkipped) { Path = "/proc/net/tcp", Line = 12, Message = "expected 17 fields" });

        Assert.Equal("proc-net-line-skipped", json.Kind);
        Assert.Equal("skipped /proc/net/tcp:12: expected 17 fields", json.Text);
        Assert.Equal(12, json.Line);
        Assert.Equal("/proc/net/tcp", json.Labels["path"]);
        Assert.Equal("expected 17 fields", json.Labels["message"]);
        Assert.Empty(json.Numbers);

        var range = NoteView.ToJson(new Note(NoteKind.NetshGaveNoRange) { Command = "netsh int ipv6 show dynamicport udp", Range = new PortRange(49152, 16384) });
        Assert.Equal(49152, range.Numbers["rangeStart"]);
        Assert.Equal(65535, range.Numbers["rangeEnd"]);
    }
}
