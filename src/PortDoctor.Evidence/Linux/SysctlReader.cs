using System.Globalization;

namespace PortDoctor.Evidence.Linux;

/// <summary>Reads sysctl lines; see <see cref="SysctlFormat"/>.</summary>
internal sealed class SysctlReader : IEvidenceLineReader
{
    private const string BsdFirstKey = "net.inet.ip.portrange.first";
    private const string BsdLastKey = "net.inet.ip.portrange.last";
    private readonly EvidenceCollector _collector;
    private PortRange? _linuxRange;
    private bool _bareRange;

    public SysctlReader(EvidenceCollector collector)
    {
        _collector = collector;
    }

    internal enum LineKind
    {
        Setting,
        BareRange,

        /// <summary>A comment, a prompt ("$ sysctl -a | grep port") or "sysctl: permission denied ..." noise.</summary>
        Skipped,
        Other,
    }

    public static bool IsRangeKey(string key) => key is LinuxSettings.PortRangeKey or BsdFirstKey or BsdLastKey;

    /// <summary>"key = value", "key=value", "key: value" (BSD), or two port numbers alone.</summary>
    public static LineKind Classify(string line, out string key, out string value)
    {
        key = value = "";
        var trimmed = line.Trim();
        if (trimmed.StartsWith('#') || trimmed.StartsWith(';') || trimmed.StartsWith('$') ||
            trimmed.Contains("sysctl ", StringComparison.Ordinal) || trimmed.StartsWith("sysctl:", StringComparison.Ordinal) ||
            trimmed.Contains("cat /proc/", StringComparison.Ordinal))
        {
            return LineKind.Skipped;
        }

        var separator = trimmed.IndexOf('=');
        if (separator < 0)
        {
            separator = trimmed.IndexOf(": ", StringComparison.Ordinal);
        }

        if (separator > 0)
        {
            key = trimmed[..separator].Trim();
            value = trimmed[(separator + 1)..].Trim();
            return IsKey(key) ? LineKind.Setting : LineKind.Other;
        }

        return LinuxSysctl.ParsePortRange(trimmed) is null ? LineKind.Other : LineKind.BareRange;
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        if (line.IsWhiteSpace())
        {
            return;
        }

        switch (Classify(line.ToString(), out var key, out var value))
        {
            case LineKind.Setting:
                ReadSetting(key, value, number);
                break;
            case LineKind.BareRange:
                _bareRange = true;
                _linuxRange = LinuxSysctl.ParsePortRange(line.ToString());
                _collector.Os = OsKind.Linux;
                break;
            case LineKind.Other:
                _collector.Unreadable(number);
                break;
        }
    }

    public void Finish()
    {
        if (_linuxRange is { } linux)
        {
            AddRange(linux);
        }
        else if (_collector.Settings.TryGetValue(BsdFirstKey, out var first) && _collector.Settings.TryGetValue(BsdLastKey, out var last) &&
            LinuxSysctl.ParsePortRange($"{first} {last}") is { } bsd)
        {
            // BSD and macOS pick ephemeral ports from first..last (hifirst/hilast serve IP_PORTRANGE_HIGH).
            AddRange(bsd);
        }

        if (_bareRange)
        {
            _collector.Note(new Note(NoteKind.TwoNumbersAsLinuxRange));
        }
    }

    private void ReadSetting(string key, string value, long number)
    {
        if (key.StartsWith("net.ipv4.", StringComparison.Ordinal) || key.StartsWith("net.ipv6.", StringComparison.Ordinal) ||
            key.StartsWith("net.core.", StringComparison.Ordinal))
        {
            _collector.Os = OsKind.Linux;
        }

        if (key == LinuxSettings.PortRangeKey)
        {
            _linuxRange = LinuxSysctl.ParsePortRange(value);
            if (_linuxRange is null)
            {
                _collector.Unreadable(number);
                return;
            }
        }
        else if (key == LinuxSettings.ReservedPortsKey)
        {
            if (LinuxSysctl.ParseReservedPorts(value) is not { } reserved)
            {
                _collector.Unreadable(number);
                return;
            }

            _collector.Excluded.AddRange(reserved.Select(r => new ExcludedPortRange(null, null, r)));
        }

        _collector.Settings[key] = value;
    }

    private void AddRange(PortRange range)
    {
        foreach (var protocol in new[] { TransportProtocol.Tcp, TransportProtocol.Udp })
        {
            foreach (var family in new[] { IpFamily.IPv4, IpFamily.IPv6 })
            {
                _collector.Dynamic.Add(new DynamicPortRange(protocol, family, range));
            }
        }
    }

    /// <summary>A dotted sysctl name without spaces: "net.ipv4.tcp_tw_reuse", "vm.swappiness", "net.ipv4.conf.eth0/1.rp_filter".</summary>
    private static bool IsKey(string key)
    {
        if (!key.Contains('.', StringComparison.Ordinal) || !char.IsAsciiLetterLower(key[0]))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/'))
            {
                return false;
            }
        }

        return true;
    }
}
