using System.Globalization;
using PortDoctor.Core.Trends;

namespace PortDoctor.Cli.Output.History;

/// <summary>`history`: one row per sample (time, headline pool, ports in use, utilization, top processes) in every format.</summary>
internal static class HistoryView
{
    /// <summary>Processes named in a table or CSV cell; JSON has all a sample kept.</summary>
    private const int ProcessesInCell = 3;

    private static readonly OutputColumn<HistoryItemJson>[] Columns =
    [
        new("time", i => i.Time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
        new("pool", i => i.Pool),
        new("portsInUse", i => i.PortsInUse.ToString(CultureInfo.InvariantCulture)) { AlignRight = true },
        new("capacity", i => i.Capacity.ToString(CultureInfo.InvariantCulture)) { AlignRight = true },
        new("utilizationPercent", i => i.UtilizationPercent.ToString("0.0", CultureInfo.InvariantCulture)) { AlignRight = true },
        new("topProcesses", i => Processes(i.Processes)),
    ];

    /// <summary>With a namespace column first when any sample was taken in another network namespace.</summary>
    private static readonly OutputColumn<HistoryItemJson>[] NamespaceColumns = [new("namespace", i => i.Namespace ?? "-"), .. Columns];

    public static OutputDocument<HistoryItemJson> Document(IReadOnlyList<HostSample> samples, string path)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var items = samples.Select(Item).ToList();
        var json = new HistoryJson(items.Count, items);
        return new OutputDocument<HistoryItemJson>(items.Any(i => i.Namespace is not null) ? NamespaceColumns : Columns, items, json, Json.CliJsonContext.Readable.HistoryJson)
        {
            Title = $"History in {path}",
            Caption = items.Count == 1 ? "1 sample" : $"{items.Count.ToString("N0", CultureInfo.InvariantCulture)} samples",
        };
    }

    public static HistoryItemJson Item(HostSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var headline = sample.Headline;
        return new HistoryItemJson(
            sample.Time,
            headline?.Name,
            headline?.PortsInUse ?? 0,
            headline?.Capacity ?? 0,
            headline?.UtilizationPercent ?? 0,
            sample.Processes.Select(p => new HistoryProcessJson(p.Pid, p.Name, p.Ports)).ToList())
        {
            Namespace = sample.Namespace.Length == 0 ? null : sample.Namespace,
        };
    }

    /// <summary>"python3[4242] 812, java[77] 40" (the top few by ports).</summary>
    public static string Processes(IEnumerable<HistoryProcessJson> processes) =>
        string.Join(", ", processes.Take(ProcessesInCell).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Process}[{p.Pid}] {p.Ports}")));
}
