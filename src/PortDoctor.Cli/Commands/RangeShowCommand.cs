using System.CommandLine;
using System.Globalization;
using PortDoctor.Cli.Output;
using PortDoctor.Cli.Output.Connections;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `portdoctor range show`: one row per protocol and family with start, count and end, as
/// `netsh int ipv4 show dynamicport tcp` prints them, then the exclusions and settings that matter.
/// </summary>
internal static class RangeShowCommand
{
    private static readonly OutputColumn<PortRangeJson>[] RangeColumns =
    [
        new("protocol", r => r.Protocol),
        new("family", r => r.Family),
        new("start", r => Number(r.Start)) { AlignRight = true },
        new("count", r => Number(r.Count)) { AlignRight = true },
        new("end", r => Number(r.End)) { AlignRight = true },
    ];

    private static readonly OutputColumn<KeyValuePair<string, string>>[] SettingColumns =
    [
        new("Setting", s => s.Key),
        new("Value", s => s.Value),
    ];

    public static Command Create(CliEnvironment env)
    {
        var format = OutputWriters.CreateFormatOption();
        var command = new Command("show", "Show the dynamic port range per protocol and family, reserved/excluded ports and related settings.")
        {
            format,
        };
        var namespaces = new NamespaceOptions(withPid: true);
        namespaces.AddTo(command);
        command.SetAction(parse =>
        {
            var outputFormat = OutputWriters.ParseFormat(parse.GetValue(format) ?? "table");
            using var ns = namespaces.Open(parse, env);
            var configuration = NamespaceOptions.Run(ns, env.Host.ReadPortConfiguration);
            var json = ToJson(configuration) with { Namespace = NamespaceJson.Of(ns?.Info) };
            var writer = OutputWriters.Create(outputFormat, env);
            var where = ns is null ? "" : $" in network namespace {ns.Info}";
            writer.Write(new OutputDocument<PortRangeJson>(RangeColumns, json.Ranges, json, CliJsonContext.Readable.RangeShowJson)
            {
                Title = $"Dynamic port ranges{where} ({configuration.Source}{(configuration.IsAssumedDefault ? ", assumed default" : "")})",
            });
            if (outputFormat == OutputFormat.Table)
            {
                writer.Write(new OutputDocument<KeyValuePair<string, string>>(SettingColumns, [.. SettingRows(configuration)], json, CliJsonContext.Readable.RangeShowJson)
                {
                    Title = "Exclusions and settings",
                });
            }

            return 0;
        });
        return command;
    }

    public static RangeShowJson ToJson(PortConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new RangeShowJson(
            configuration.Source,
            configuration.IsAssumedDefault,
            [.. configuration.Dynamic.Select(d => new PortRangeJson(d.Protocol.ToName(), d.Family.ToName(), d.Range.Start, d.Range.Count, d.Range.End))],
            [.. configuration.Excluded.Select(e => new PortRangeJson(
                e.Protocol is { } p ? p.ToName() : null,
                e.Family is { } f ? f.ToName() : null,
                e.Range.Start,
                e.Range.Count,
                e.Range.End))],
            new SortedDictionary<string, string>(configuration.Settings.ToDictionary(), StringComparer.Ordinal));
    }

    private static IEnumerable<KeyValuePair<string, string>> SettingRows(PortConfiguration configuration)
    {
        var excluded = configuration.Excluded.Count == 0
            ? "(none)"
            : string.Join(",", configuration.Excluded.Select(e => e.Range.Count == 1 ? Number(e.Range.Start) : e.Range.ToString()));
        yield return new("excluded/reserved ports", excluded);
        foreach (var setting in configuration.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            // ip_local_port_range is "32768<TAB>60999": one space reads better in a cell.
            yield return new(setting.Key, string.Join(' ', setting.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
