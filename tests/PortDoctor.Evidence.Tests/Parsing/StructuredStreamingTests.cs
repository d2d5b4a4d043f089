using System.Globalization;
using System.Text;
using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// powershell-json and events-xml are read as their lines arrive (constant memory). These tests
/// build inputs whose objects and events cross line, block and 1 MiB line-cut boundaries.
/// </summary>
[Takes(18)]
public sealed class StructuredStreamingTests
{
    [Fact]
    public void Json_object_split_over_many_lines_and_blocks_is_read()
    {
        // One token per line, odd indentation, CRLF: every property crosses a line end.
        var record = Connection(1, "10.0.0.5", 49712, 5, 4321).Replace(",", ",\r\n      ", StringComparison.Ordinal)
            .Replace(":", "\r\n:\r\n", StringComparison.Ordinal).Replace("{", "{\r\n", StringComparison.Ordinal);
        var filler = Connection(2, "10.0.0.6", 50000, 11, 0);
        var text = "[\r\n" + string.Join(",\r\n", Enumerable.Repeat(filler, 400)) + ",\r\n" + record + "\r\n]\r\n";

        var evidence = EvidenceReader.ReadText(text);

        Assert.Equal("powershell-json", evidence.Sources[0].Format);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal(401, evidence.Latest.Sockets.Count);
        Assert.Equal(new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Established, new("10.0.0.5", 49712), new("10.0.0.9", 443)) { Pid = 4321 },
            evidence.Latest.Sockets[^1]);
    }

    [Fact]
    public void Truncated_json_keeps_every_complete_object_and_names_the_line_of_the_cut()
    {
        var objects = Enumerable.Range(0, 3000).Select(i => Connection(i, "10.0.0.5", 10000 + i, 5, 100 + i)).ToList();
        var whole = "[\n" + string.Join(",\n", objects) + "\n]\n";
        var cut = whole.IndexOf("\"LocalPort\":  12999", StringComparison.Ordinal);
        var text = whole[..cut];
        var lastLine = text.Count(c => c == '\n') + 1;

        var evidence = EvidenceReader.ReadText(text);

        Assert.Equal(2999, evidence.Latest.Sockets.Count);
        Assert.Equal(12998, evidence.Latest.Sockets[^1].Local.Port);
        Assert.Equal(1, evidence.Sources[0].UnreadableCount);
        Assert.InRange(evidence.Sources[0].UnreadableLines[0], lastLine - 1, lastLine);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.JsonDamaged);
    }

    [Fact]
    public void Huge_nested_cim_properties_are_skipped_without_losing_the_connection()
    {
        // CimInstanceProperties as Windows PowerShell 5.1 prints it at its default depth (strings
        // "Name = value", shape seen in a public Hack The Box "Hackback" write-up), made huge, plus
        // a nested object holding a 3 MB string: neither may be kept or break the record.
        var names = string.Join(",\n", Enumerable.Range(0, 200_000).Select(i => $"        \"Prop{i} = {i}\""));
        var text = "{\n    \"CimClass\":  {\n        \"CimSuperClassName\":  \"CIM_ProtocolEndpoint\",\n        \"Blob\":  \"" + new string('x', 3 << 20) + "\",\n" +
            "        \"CimClassQualifiers\":  { \"LocalAddress\": \"9.9.9.9\", \"State\": 2 }\n    },\n" +
            "    \"CimInstanceProperties\":  [\n" + names + "\n    ],\n" +
            "    \"LocalAddress\":  \"::1\",\n    \"LocalPort\":  49852,\n    \"RemoteAddress\":  \"::1\",\n    \"RemotePort\":  5985,\n" +
            "    \"State\":  11,\n    \"OwningProcess\":  0,\n    \"CimSystemProperties\":  { \"ClassName\": \"MSFT_NetTCPConnection\" }\n}\n";

        var evidence = EvidenceReader.ReadText(text, format: "powershell-json");
        var socket = Assert.Single(evidence.Latest.Sockets);

        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal(new Endpoint("::1", 49852), socket.Local);
        Assert.Equal(SocketState.TimeWait, socket.State);
        Assert.Null(socket.Pid);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Compressed_json_on_one_line_longer_than_the_line_cut_is_read_across_the_cuts(bool utf16)
    {
        // ConvertTo-Json -Compress writes one line; the line sources cut it every 1 MiB, inside tokens.
        var objects = Enumerable.Range(0, 20_000).Select(i => Compact(Connection(i, "192.168.1.20", 1024 + i, 2, 7000 + (i % 3))));
        var text = "[" + string.Join(",", objects) + "]";
        Assert.True(text.Length > 3 << 20);

        var evidence = Read(text, utf16);

        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal(20_000, evidence.Latest.Sockets.Count);
        Assert.Equal(Enumerable.Range(1024, 20_000), evidence.Latest.Sockets.Select(s => s.Local.Port));
        Assert.All(evidence.Latest.Sockets, s => Assert.Equal(SocketState.Listen, s.State));
    }

    [Fact]
    public void An_array_of_100k_objects_is_read_in_full()
    {
        var text = new StringBuilder("[\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append(i == 0 ? "" : ",\n").Append(Connection(i, "10.1.0.2", 1 + (i % 60000), i % 2 == 0 ? 5 : 11, 1000 + (i % 7)));
        }

        var evidence = EvidenceReader.ReadText(text.Append("\n]\n").ToString());
        var byState = Fixture.ByState(evidence.Latest);

        Assert.Equal(100_000, evidence.Latest.Sockets.Count);
        Assert.Equal(50_000, byState[SocketState.Established]);
        Assert.Equal(50_000, byState[SocketState.TimeWait]);
        Assert.Equal(Enumerable.Range(1000, 7).ToDictionary(p => p, p => 100_000 / 7 + (p - 1000 < 100_000 % 7 ? 1 : 0)), Fixture.ByPid(evidence.Latest));
    }

    [Fact]
    public void Windows_powershell_value_and_count_wrapper_gives_its_array()
    {
        // ConvertTo-Json -InputObject @(...) in Windows PowerShell 5.1 (PowerShell/PowerShell#3153, #5579).
        var text = "{\n    \"value\":  [\n" + Connection(1, "10.0.0.5", 49712, 5, 4321) + ",\n" + Connection(2, "10.0.0.5", 49713, 11, 0) +
                   "\n    ],\n    \"Count\":  2\n}\n";

        var evidence = EvidenceReader.ReadText(text);

        Assert.Equal([49712, 49713], evidence.Latest.Sockets.Select(s => s.Local.Port));
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
    }

    [Fact]
    public void Json_elements_that_are_not_connections_are_counted_and_reading_goes_on()
    {
        var text = "[\n" + Connection(1, "10.0.0.5", 1, 5, 1) + ",\n  null,\n  [ 1, 2 ],\n  { \"LocalAddress\": \"10.0.0.5\" },\n" +
                   Connection(2, "10.0.0.5", 2, 5, 1) + "\n]\n[ \"a second value\" ]\n";

        var evidence = EvidenceReader.ReadText(text);

        Assert.Equal([1, 2], evidence.Latest.Sockets.Select(s => s.Local.Port));
        var lines = text.Split('\n');
        long LineOf(string part) => Array.FindIndex(lines, l => l.StartsWith(part, StringComparison.Ordinal)) + 1;
        Assert.Equal([LineOf("  null,"), LineOf("  [ 1, 2 ]"), LineOf("  { \"LocalAddress\"")], evidence.Sources[0].UnreadableLines);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.JsonTrailingText);
    }

    [Fact]
    public void Json_state_name_and_single_object_as_pwsh_7_prints_them()
    {
        // PowerShell 7 indents by two spaces; -EnumsAsStrings writes the state's name.
        const string text = "{\n  \"LocalAddress\": \"0.0.0.0\",\n  \"LocalPort\": 50001,\n  \"RemoteAddress\": \"0.0.0.0\",\n  \"RemotePort\": 0,\n  \"State\": \"Bound\",\n  \"OwningProcess\": 7788\n}";

        var socket = Assert.Single(EvidenceReader.ReadText(text).Latest.Sockets);

        Assert.Equal(SocketState.Bound, socket.State);
        Assert.Equal(7788, socket.Pid);
    }

    [Fact]
    public void Xml_events_split_over_lines_with_an_events_root_are_read()
    {
        // Event Viewer "Save as XML" / wevtutil /e:Events: declaration, root, one element over many lines.
        var text = "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\r\n<Events>\r\n" +
                   Event(4231, "2024-01-15T14:30:00.0000000Z", "Tcpip").Replace("><", ">\r\n  <", StringComparison.Ordinal) + "\r\n" +
                   Event(4227, "2024-01-15T14:31:00.0000000Z", "Tcpip", "TCP/IP failed to establish\r\nan outgoing connection") + "\r\n</Events>\r\n";

        var evidence = EvidenceReader.ReadText(text);

        Assert.Equal("events-xml", evidence.Sources[0].Format);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal([4231, 4227], evidence.Events.Select(e => e.EventId));
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 14, 31, 0, TimeSpan.Zero), evidence.Events[1].Time);
        Assert.StartsWith("TCP/IP failed to establish", evidence.Events[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Xml_export_on_one_line_longer_than_the_line_cut_is_read_across_the_cuts(bool utf16)
    {
        var events = Enumerable.Range(0, 12_000).Select(i =>
            Event(i % 3 == 0 ? 4231 : 7036, $"2024-01-15T{i / 3600 % 24:D2}:{i / 60 % 60:D2}:{i % 60:D2}.0000000Z", i % 3 == 0 ? "Tcpip" : "Service Control Manager"));
        var text = "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?><Events>" + string.Concat(events) + "</Events>";
        Assert.True(text.Length > 3 << 20);

        var evidence = Read(text, utf16);

        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal(4000, evidence.Events.Count);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.OtherEventsIgnored && n.Count == 8000);
    }

    [Fact]
    public void A_damaged_or_cut_event_costs_only_itself()
    {
        var text = string.Join("\n",
            Event(4231, "2024-01-15T14:30:00Z", "Tcpip"),
            Event(4231, "2024-01-15T14:30:01Z", "Tcpip").Replace("</EventID>", "</EventId>", StringComparison.Ordinal),
            Event(4227, "2024-01-15T14:30:02Z", "Tcpip")[..120],
            Event(4227, "2024-01-15T14:30:03Z", "Tcpip"),
            Event(4231, "2024-01-15T14:30:04Z", "Tcpip")[..150]);

        var evidence = EvidenceReader.ReadText(text);

        Assert.Equal([0, 3], evidence.Events.Select(e => e.Time.Second));
        Assert.Equal([2L, 3, 5], evidence.Sources[0].UnreadableLines);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.EventXmlDamaged && n.Count == 3);
    }

    [Fact]
    public void A_damaged_event_inside_a_long_run_of_events_is_skipped_and_the_run_goes_on()
    {
        // Events are parsed many at a time; a bad one must not take its neighbours with it.
        var events = Enumerable.Range(0, 3000).Select(i =>
        {
            var e = Event(4231, $"2024-01-15T{i / 3600:D2}:{i / 60 % 60:D2}:{i % 60:D2}Z", "Tcpip");
            return i == 1500 ? e.Replace("<Computer>", "<Computer><", StringComparison.Ordinal) : e;
        });

        var evidence = EvidenceReader.ReadText(string.Join("\r\n", events) + "\r\n");

        Assert.Equal(2999, evidence.Events.Count);
        Assert.Equal([1501L], evidence.Sources[0].UnreadableLines);
        Assert.DoesNotContain(evidence.Events, e => e.Time == new DateTimeOffset(2024, 1, 15, 0, 25, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Invalid_utf8_inside_a_json_string_past_the_detected_head_costs_only_its_object()
    {
        // Detection sees valid UTF-8 in the first 64 KB; a damaged byte further on reaches the reader raw.
        var objects = Enumerable.Range(0, 200).Select(i => Connection(i, i == 150 ? "10.0.0.##" : "10.0.0.5", 2000 + i, 5, 1)).ToList();
        var bytes = Encoding.UTF8.GetBytes("[\n" + string.Join(",\n", objects) + "\n]\n");
        var at = bytes.AsSpan().IndexOf("10.0.0.##"u8);
        Assert.True(at > 1 << 16);
        bytes[at + 7] = 0xC3;
        bytes[at + 8] = 0x28;
        using var stream = new MemoryStream(bytes);

        var evidence = EvidenceReader.Read("input", stream, null, DateTimeOffset.UnixEpoch, TestContext.Current.CancellationToken);

        Assert.Equal(199, evidence.Latest.Sockets.Count);
        Assert.DoesNotContain(evidence.Latest.Sockets, s => s.Local.Port == 2150);
        Assert.Equal(1, evidence.Sources[0].UnreadableCount);
    }

    [Fact]
    public void One_compressed_object_per_line_gives_every_object()
    {
        // Get-NetTCPConnection | ForEach-Object { $_ | ConvertTo-Json -Compress } >> log
        var lines = Enumerable.Range(0, 5).Select(i => Compact(Connection(i, "10.0.0.5", 3000 + i, 2, 1060)));
        var text = string.Join("\r\n", lines) + "\r\n[ \"an array after them\" ]\r\n";

        var evidence = EvidenceReader.ReadText(text);

        Assert.Equal("powershell-json", evidence.Sources[0].Format);
        Assert.Equal(Enumerable.Range(3000, 5), evidence.Latest.Sockets.Select(s => s.Local.Port));
        Assert.Equal([6L], evidence.Sources[0].UnreadableLines);
    }

    private static EvidenceSet Read(string text, bool utf16)
    {
        if (!utf16)
        {
            return EvidenceReader.ReadText(text);
        }

        // UTF-16LE with BOM (PowerShell's ">"): the general, char-based line path.
        using var stream = new MemoryStream([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        return EvidenceReader.Read("input", stream, null, DateTimeOffset.UnixEpoch);
    }

    /// <summary>
    /// One Get-NetTCPConnection object as Windows PowerShell 5.1's ConvertTo-Json lays it out: 4-space
    /// indent, two spaces after the colon, nested values aligned under their name (layout seen in
    /// PowerShell/PowerShell#2448 and #3163; CimInstanceProperties strings in the Hackback write-up).
    /// </summary>
    private static string Connection(int n, string local, int port, int state, int pid) => string.Create(CultureInfo.InvariantCulture, $$"""
            {
                "LocalAddress":  "{{local}}",
                "LocalPort":  {{port}},
                "RemoteAddress":  "10.0.0.9",
                "RemotePort":  443,
                "State":  {{state}},
                "AppliedSetting":  null,
                "OwningProcess":  {{pid}},
                "CreationTime":  "\/Date(17053290{{n % 10}}0000)\/",
                "OffloadState":  0,
                "CimClass":  {
                                 "CimSuperClassName":  "CIM_ProtocolEndpoint",
                                 "CimClassProperties":  "Caption Description ElementName InstanceID"
                             },
                "CimInstanceProperties":  [
                                              "Caption",
                                              "LocalAddress = \"{{local}}\"",
                                              "State = {{state}}"
                                          ],
                "CimSystemProperties":  {
                                            "Namespace":  "ROOT/StandardCimv2",
                                            "ClassName":  "MSFT_NetTCPConnection"
                                        }
            }
        """);

    private static string Compact(string json) =>
        string.Concat(json.Split('\n').Select(l => l.Trim())).Replace(":  ", ":", StringComparison.Ordinal);

    private static string Event(int id, string time, string provider, string? message = null) =>
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='" + provider + "'/>" +
        "<EventID Qualifiers='16384'>" + id.ToString(CultureInfo.InvariantCulture) + "</EventID><TimeCreated SystemTime='" + time + "'/>" +
        "<Computer>HOST7.example.test</Computer></System><EventData></EventData>" +
        (message is null ? "" : "<RenderingInfo Culture='en-US'><Message>" + message + "</Message></RenderingInfo>") + "</Event>";
}
