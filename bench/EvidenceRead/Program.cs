using System.Diagnostics;
using System.Globalization;
using PortDoctor.Core.Model;
using PortDoctor.Evidence;

// Reads every file given, parsing every field of every row, and prints one line of figures.
// TIME_WAIT rows are counted from the parsed rows (each sample's counts) so the result can be
// checked against grep -c; the latest sample is built into sockets, as diagnose does.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: EvidenceRead FILE...");
    return 64;
}

var clock = Stopwatch.StartNew();
long sockets = 0, timeWait = 0, snapshots = 0, withPid = 0;
var evidence = EvidenceReader.Read(args, new EvidenceReadOptions
{
    OnSample = sample =>
    {
        snapshots++;
        sockets += sample.Total;
        timeWait += sample.ByState.GetValueOrDefault(SocketState.TimeWait);
        withPid += sample.ByPid.Values.Sum();
    },
});
clock.Stop();
var bytes = args.Sum(a => new FileInfo(a).Length);
var peak = Process.GetCurrentProcess().PeakWorkingSet64;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"read {bytes / 1e9:F2} GB in {clock.Elapsed.TotalSeconds:F2} s ({bytes / 1e6 / clock.Elapsed.TotalSeconds:F0} MB/s): {snapshots} snapshots, {sockets} sockets, {timeWait} TIME_WAIT, {withPid} with PID, {evidence.Sources.Sum(s => s.UnreadableCount)} unreadable, {evidence.Latest.Sockets.Count} sockets in the latest; peak working set {peak / 1e6:F0} MB"));
return 0;
