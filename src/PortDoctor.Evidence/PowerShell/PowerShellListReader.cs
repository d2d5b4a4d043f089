using System.Globalization;

namespace PortDoctor.Evidence.PowerShell;

/// <summary>Reads Format-List records; see <see cref="PowerShellListFormat"/>.</summary>
internal sealed class PowerShellListReader : IEvidenceLineReader
{
    internal const string StartPortKey = "DynamicPortRangeStartPort";
    internal const string PortCountKey = "DynamicPortRangeNumberOfPorts";
    private const string SettingNameKey = "SettingName";
    private readonly List<(string Name, PortRange Range)> _settings = [];
    private TransportProtocol _settingProtocol = TransportProtocol.Tcp;
    private readonly EvidenceCollector _collector;
    private readonly EndpointText _endpoints = new();
    private readonly KeyValueRecords _records;
    private long _rows;
    private long _withOwner;

    public PowerShellListReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
        _records = new KeyValueRecords(OnRecord);
    }

    public void Line(ReadOnlySpan<char> line, long number)
    {
        if (PromptLine.Is(line))
        {
            // "PS C:\> Get-NetTCPConnection | fl" pasted above the records.
            _records.Flush();
            _settingProtocol = line.Contains("NetUDPSetting", StringComparison.OrdinalIgnoreCase) ? TransportProtocol.Udp : TransportProtocol.Tcp;
            return;
        }

        if (!_records.Line(line, number))
        {
            _collector.Unreadable(number);
        }
    }

    public void Finish()
    {
        _records.Flush();
        if (_rows > 0 || _settings.Count == 0)
        {
            // A file of settings alone has no socket snapshot: it must not hide another file's.
            _collector.EndLastSnapshot();
        }

        if (_rows > 0 && _withOwner == 0)
        {
            _collector.Note(new Note(NoteKind.NoOwningProcessValues));
        }

        FinishSettings();
    }

    /// <summary>
    /// Get-NetTCPSetting gives a range per template; connections mostly use "Internet", so that
    /// one is taken (else the first), and templates that differ are named.
    /// </summary>
    private void FinishSettings()
    {
        if (_settings.Count == 0)
        {
            return;
        }

        var used = _settings.Find(s => s.Name == "Internet");
        used = used.Name is null ? _settings[0] : used;
        _collector.Dynamic.Add(new DynamicPortRange(_settingProtocol, IpFamily.IPv4, used.Range));
        var others = _settings.Where(s => s.Range != used.Range).Select(s => $"{s.Name} {s.Range}").ToList();
        if (others.Count > 0)
        {
            _collector.Note(new Note(NoteKind.TemplatesDiffer) { Name = used.Name, Range = used.Range, Names = others });
        }
    }

    /// <summary>A Get-NetTCPSetting / Get-NetUDPSetting record: its dynamic range, if it has one of its own.</summary>
    private void OnSetting(IReadOnlyDictionary<string, string> record, long line)
    {
        var start = record.GetValueOrDefault(StartPortKey);
        var count = record.GetValueOrDefault(PortCountKey);
        if (string.IsNullOrEmpty(start) && string.IsNullOrEmpty(count))
        {
            // A template without values of its own ("Automatic").
            return;
        }

        if (!int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var first) ||
            !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var ports) ||
            first is < 1 or > 65535 || ports < 1 || first + ports - 1 > 65535)
        {
            _collector.Unreadable(line);
            return;
        }

        _settings.Add((record.GetValueOrDefault(SettingNameKey) ?? "", new PortRange(first, ports)));
    }

    private void OnRecord(IReadOnlyDictionary<string, string> record, long line)
    {
        if (record.ContainsKey(SettingNameKey) || record.ContainsKey(StartPortKey))
        {
            OnSetting(record, line);
            return;
        }

        if (!PowerShellConnection.TryCreate(k => record.TryGetValue(k, out var v) ? v : null, _endpoints, out var entry))
        {
            _collector.Unreadable(line);
            return;
        }

        _rows++;
        _withOwner += record.ContainsKey(PowerShellConnection.OwningProcess) ? 1 : 0;
        _collector.AddSocket(entry!, PowerShellConnection.Owner(entry!));
    }
}
