using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Platform.Tests.Windows;

/// <summary>
/// The Windows collector for real, under Debian's Wine 8 (64-bit): tests/wine/PortDoctor.WineSmoke
/// is published self-contained for win-x64 by scripts/test.sh (into $PORTDOCTOR_TEST_WINE/smoke), opens a loopback listener and a connected pair, and
/// prints what WindowsSnapshotCollector found. Wine 8 is not Windows, and the test expects exactly
/// what Wine gives: PIDs 0 (decoded as "no owner"), netsh printing nothing (so the Windows default
/// range is assumed, with a note per command), a stub event log (no events, one note), and no
/// command lines (ProcessCommandLineInformation is not implemented).
/// </summary>
[Takes(14)]
public class WineSmokeTests
{
    [Fact]
    public void The_windows_collector_lists_a_listener_and_an_established_pair_under_wine()
    {
        var (wine, exe) = Wine.RequireOrSkip("smoke", "PortDoctor.WineSmoke.exe");

        using (var prefix = Wine.NewPrefix(wine))
        {
            var (code, output, error) = prefix.Run(exe);
            Assert.True(code == 0, $"the smoke program failed under Wine ({code}): {output} {error}");

            var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var opened = lines.Single(l => l.StartsWith("OPENED ", StringComparison.Ordinal)).Split(' ');
            var listen = opened[1]["listen=".Length..];
            var client = opened[2]["client=".Length..];

            // Wine 8 returns PID 0 for every row; the decoder reads 0 as "no owner" ("-").
            Assert.Contains($"SOCKET Tcp IPv4 LISTEN 127.0.0.1:{listen} 0.0.0.0:0 -", lines);
            Assert.Contains($"SOCKET Tcp IPv4 ESTABLISHED 127.0.0.1:{listen} 127.0.0.1:{client} -", lines);
            Assert.Contains($"SOCKET Tcp IPv4 ESTABLISHED 127.0.0.1:{client} 127.0.0.1:{listen} -", lines);
            Assert.DoesNotContain(lines, l => l.StartsWith("SOCKET ", StringComparison.Ordinal) && !l.EndsWith(" -", StringComparison.Ordinal));
            Assert.Contains("PROCESSES 0", lines);

            // Wine's powershell.exe is a stub that prints nothing: no BOUND rows, and no note either
            // (it ran and answered; only a missing or failing PowerShell gives the note).
            Assert.DoesNotContain(lines, l => l.Contains(" BOUND ", StringComparison.Ordinal));

            // The process reader on the smoke program itself: name, socket count and handle count
            // are real; Wine 8 answers ProcessCommandLineInformation with STATUS_INVALID_INFO_CLASS,
            // so the command line stays unknown (Windows 8.1 and later return it).
            var self = lines.Single(l => l.StartsWith("SELF ", StringComparison.Ordinal));
            Assert.StartsWith("SELF name=PortDoctor.WineSmoke sockets=1 handles=", self, StringComparison.Ordinal);
            Assert.EndsWith(" cmdline=", self, StringComparison.Ordinal);
            Assert.True(int.Parse(self.Split(' ')[3]["handles=".Length..], System.Globalization.CultureInfo.InvariantCulture) > 0, self);

            // EnumServicesStatusEx decoded for real. Which of Wine's services run varies (RpcSs starts on
            // demand), so: at least one hosting process, and every name is a plain service name (a
            // wrong struct layout gives garbage or nothing).
            var services = lines.Single(l => l.StartsWith("SERVICES ", StringComparison.Ordinal)).Split(' ');
            Assert.True(int.Parse(services[1]["hosts=".Length..], System.Globalization.CultureInfo.InvariantCulture) >= 1, string.Join(' ', services));
            var names = services[2]["names=".Length..].Split(',');
            Assert.All(names, n => Assert.Matches("^[A-Za-z][A-Za-z0-9_]+$", n));
            Assert.Contains(names, n => n is "Eventlog" or "PlugPlay" or "RpcSs" || n.StartsWith("Winedevice", StringComparison.Ordinal));

            // Wine's netsh prints nothing: the default range is assumed and each command is named in a note.
            Assert.Contains("ASSUMED True", lines);
            Assert.Contains("DYNAMIC Tcp IPv4 49152-65535", lines);
            Assert.Contains("NOTE netsh-gave-no-range netsh int ipv4 show dynamicport tcp 49152-65535", lines);
            Assert.Contains("EXCLUDED 0", lines);

            // Wine's event log is a stub: no events, and the snapshot says it could not read them.
            Assert.Contains("EVENTS 0", lines);
            Assert.Contains(lines, l => l.StartsWith("NOTE tcpip-events-unread", StringComparison.Ordinal));
        }
    }
}
