using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PortDoctor.Core.Model;
using PortDoctor.Platform;
using PortDoctor.Platform.Windows;

// Opens what the test expects to see, then collects for real and prints it.
if (!OperatingSystem.IsWindows())
{
    Console.Error.WriteLine("this program runs under Windows or Wine only");
    return 2;
}

using var listener = new TcpListener(IPAddress.Loopback, 0);
listener.Start();
var listenPort = ((IPEndPoint)listener.LocalEndpoint).Port;
// IPv4 only: a dual-mode socket would land in the IPv6 table as ::ffff:127.0.0.1.
using var client = new TcpClient(AddressFamily.InterNetwork);
client.Connect(IPAddress.Loopback, listenPort);
using var accepted = listener.AcceptTcpClient();
var clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;
Console.WriteLine(Invariant($"OPENED listen={listenPort} client={clientPort} pid={Environment.ProcessId}"));

var snapshot = new LiveSource(new WindowsHostPlatform(TimeProvider.System), new LiveSourceOptions { EventsSince = TimeSpan.FromDays(7), Probe = false }).Observe(default).Snapshot;
foreach (var s in snapshot.Sockets)
{
    Console.WriteLine(Invariant(
        $"SOCKET {s.Protocol} {s.Family} {s.State.ToDisplayName()} {s.Local} {s.Remote} {(s.Pid is { } pid ? pid.ToString(CultureInfo.InvariantCulture) : "-")}"));
}

foreach (var d in snapshot.Ports?.Dynamic ?? [])
{
    Console.WriteLine(Invariant($"DYNAMIC {d.Protocol} {d.Family} {d.Range}"));
}

// Wine gives no PIDs in the tables, so the process reader is called on this process directly.
var self = Environment.ProcessId;
var own = new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Established, new("127.0.0.1", clientPort), new("127.0.0.1", listenPort)) { Pid = self };
var info = new WindowsProcessReader().Read([own], details: true)[self];
Console.WriteLine(Invariant($"SELF name={info.Name} sockets={info.SocketCount} handles={info.HandleCount} cmdline={info.CommandLine}"));
var services = WindowsServiceMap.Read();
Console.WriteLine(Invariant($"SERVICES hosts={services.Count} names={string.Join(",", services.Values.SelectMany(v => v).Order(StringComparer.Ordinal))}"));
Console.WriteLine(Invariant($"ASSUMED {snapshot.Ports?.IsAssumedDefault}"));
Console.WriteLine(Invariant($"EXCLUDED {snapshot.Ports?.Excluded.Count}"));
Console.WriteLine(Invariant($"EVENTS {snapshot.Events.Count}"));
Console.WriteLine(Invariant($"PROCESSES {snapshot.Processes.Count}"));
foreach (var note in snapshot.Notes)
{
    string?[] values = [note.Kind.ToName(), note.Command ?? note.Path ?? note.Name, note.Range?.ToString(), note.Message];
    Console.WriteLine(("NOTE " + string.Join(" ", values.Where(v => v is not null))).ReplaceLineEndings(" "));
}

return 0;

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
