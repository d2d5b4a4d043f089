using System.ComponentModel;
using System.Globalization;
using System.Runtime.Versioning;
using Microsoft.Win32;
using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Core.Ranges;
using PortDoctor.Evidence.Windows;

namespace PortDoctor.Platform.Windows;

/// <summary>
/// The dynamic and excluded ranges from netsh (4 + 4 runs, each ~50 ms), the TIME_WAIT and
/// MaxUserPort registry values, and the auto-reuse range when the caller has it.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsPortConfigurationReader
{
    public const string TcpipParametersKey = @"SYSTEM\CurrentControlSet\Services\Tcpip\Parameters";
    public const string NotSet = "not set";

    private static readonly TimeSpan NetshTimeout = TimeSpan.FromSeconds(20);

    /// <summary>netsh and registry only (what `range show` needs; no PowerShell start-up).</summary>
    public static PortConfiguration Read() => Read(new Dictionary<string, PortRange>(), []);

    public static PortConfiguration Read(IReadOnlyDictionary<string, PortRange> autoReuse, List<Note> notes)
    {
        var dynamic = new List<DynamicPortRange>();
        var excluded = new List<ExcludedPortRange>();
        foreach (var family in new[] { IpFamily.IPv4, IpFamily.IPv6 })
        {
            foreach (var protocol in new[] { TransportProtocol.Tcp, TransportProtocol.Udp })
            {
                var show = NetshArguments.ShowDynamicPort(family, protocol);
                var ranges = RunNetsh(show, notes) is { } text
                    ? ParseOrNote(() => NetshDynamicPortParser.Parse(text, family, NetshArguments.Display(show), protocol), notes)
                    : [];
                if (ranges.Count == 0)
                {
                    notes.Add(new Note(NoteKind.NetshGaveNoRange) { Command = NetshArguments.Display(show), Range = PortRangeRules.WindowsDefault });
                    dynamic.Add(new DynamicPortRange(protocol, family, PortRangeRules.WindowsDefault));
                }
                else
                {
                    dynamic.AddRange(ranges.Where(r => r.Protocol == protocol));
                }

                var exclusions = NetshArguments.ShowExcludedPortRange(family, protocol);
                if (RunNetsh(exclusions, notes) is { } exclusionText)
                {
                    excluded.AddRange(ParseOrNote(
                        () => NetshExcludedPortParser.Parse(exclusionText, family, NetshArguments.Display(exclusions), protocol),
                        notes));
                }
            }
        }

        var settings = ReadRegistry(notes);
        foreach (var (name, range) in autoReuse)
        {
            settings[$"AutoReusePortRange({name})"] = range.ToString();
        }

        return new PortConfiguration
        {
            Dynamic = dynamic,
            Excluded = excluded,
            Settings = settings,
            Source = "netsh and registry",
            IsAssumedDefault = notes.Any(n => n.Kind == NoteKind.NetshGaveNoRange),
        };
    }

    /// <summary>A live netsh in a language we misread must not stop the diagnosis: say so and go on.</summary>
    private static IReadOnlyList<T> ParseOrNote<T>(Func<IReadOnlyList<T>> parse, List<Note> notes)
    {
        try
        {
            return parse();
        }
        catch (PortDoctorException ex)
        {
            notes.Add(new Note(NoteKind.NetshUnreadable) { Message = ex.Message });
            return [];
        }
    }

    private static string? RunNetsh(IReadOnlyList<string> arguments, List<Note> notes)
    {
        try
        {
            var result = ExternalCommand.Run(NetshArguments.FileName, arguments, NetshTimeout);
            if (result.ExitCode != 0)
            {
                notes.Add(new Note(NoteKind.CommandFailed) { Command = NetshArguments.Display(arguments), Code = result.ExitCode, Message = $"{result.Output.Trim()} {result.Error.Trim()}".Trim() });
                return null;
            }

            return result.Output;
        }
        catch (Exception ex) when (ex is Win32Exception or TimeoutException)
        {
            notes.Add(new Note(NoteKind.CommandNotRun) { Command = NetshArguments.Display(arguments), Message = ex.Message });
            return null;
        }
    }

    private static Dictionary<string, string> ReadRegistry(List<Note> notes)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TcpTimedWaitDelay"] = NotSet,
            ["MaxUserPort"] = NotSet,
        };
        try
        {
            using var key = Registry.LocalMachine.OpenSubKey(TcpipParametersKey);
            foreach (var name in new[] { "TcpTimedWaitDelay", "MaxUserPort" })
            {
                if (key?.GetValue(name) is int value)
                {
                    settings[name] = value.ToString(CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception ex) when (ex is System.Security.SecurityException or UnauthorizedAccessException or IOException)
        {
            notes.Add(new Note(NoteKind.RegistryUnreadable) { Path = $"HKLM\\{TcpipParametersKey}", Message = ex.Message });
        }

        if (settings["MaxUserPort"] != NotSet)
        {
            notes.Add(new Note(NoteKind.MaxUserPortIgnored) { Count = long.Parse(settings["MaxUserPort"], CultureInfo.InvariantCulture) });
        }

        return settings;
    }
}
