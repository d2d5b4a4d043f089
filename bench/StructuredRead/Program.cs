using System.Diagnostics;
using System.Globalization;
using PortDoctor.Core.Model;
using PortDoctor.Evidence;

// Reads each file given through EvidenceReader and prints one line of figures: sockets (TIME_WAIT
// counted from the parsed sockets, to check against the generator), Tcpip events by id, unreadable
// lines, and the peak working set of this process.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: StructuredRead FILE...");
    return 64;
}

var clock = Stopwatch.StartNew();
long sockets = 0, timeWait = 0;
var evidence = EvidenceReader.Read(args, new EvidenceReadOptions
{
    OnSnapshot = (snapshot, _) =>
    {
        sockets += snapshot.Sockets.Count;
        timeWait += snapshot.Sockets.Count(s => s.State == SocketState.TimeWait);
    },
});
clock.Stop();
var bytes = args.Sum(a => new FileInfo(a).Length);
var peak = Process.GetCurrentProcess().PeakWorkingSet64;
var events = string.Join(" ", evidence.Events.GroupBy(e => e.EventId).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"read {bytes / 1e6:F0} MB in {clock.Elapsed.TotalSeconds:F2} s ({bytes / 1e6 / clock.Elapsed.TotalSeconds:F0} MB/s): {sockets} sockets, {timeWait} TIME_WAIT, events {(events.Length == 0 ? "none" : events)}, {evidence.Sources.Sum(s => s.UnreadableCount)} unreadable; peak working set {peak / 1e6:F0} MB"));
return 0;
