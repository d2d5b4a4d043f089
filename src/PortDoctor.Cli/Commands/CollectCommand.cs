using System.CommandLine;
using System.Globalization;
using System.Reflection;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Core;
using PortDoctor.Core.Bundle;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `portdoctor collect`: one zip with what a support engineer asks for (our snapshot and verdict as
/// JSON, the OS's own outputs, an optional failure trace) and manifest.json; `diagnose --from
/// bundle.zip` reads it back.
/// </summary>
internal static class CollectCommand
{
    public static Command Create(CliEnvironment env)
    {
        var output = new Option<string?>("--out", "-o") { Description = "The zip to write (default portdoctor-HOST-TIME.zip in the current folder)." };
        var duration = new Option<string?>("--duration") { Description = "Also trace failed port allocations this long (e.g. 60s; needs root on Linux)." };
        var mask = new Option<bool>("--mask") { Description = "Replace IP addresses and host names consistently; the map goes to FILE.zip.mask-map.json, not into the zip." };
        var dump = new Option<int?>("--dump") { Description = "Also dump this process's memory (gcore on Linux, MiniDumpWriteDump on Windows, the diagnostics client for .NET) beside the zip; the manifest lists it.", HelpName = "PID" };
        var db = new Option<string?>("--db") { Description = "The monitor's history to put into the bundle as history.db (default: the monitor's default file, when there is one).", HelpName = "PATH" };
        var since = new Option<string?>("--since") { Description = "How much of that history: 30m, 24h, 7d (default 24h; halved until it fits 16 MB)." };
        var noHistory = new Option<bool>("--no-history") { Description = "Leave the monitor's history out." };
        var command = new Command("collect", "Collect one evidence bundle (zip + manifest.json) to send to support; `diagnose --from` and `report --from` read it.")
        {
            output, duration, mask, dump, db, since, noHistory,
        };
        command.SetAction((parse, cancel) =>
        {
            var traceFor = parse.GetValue(duration) is { } d ? DurationText.Parse("--duration", d) : (TimeSpan?)null;
            var historyFor = parse.GetValue(since) is { } s ? DurationText.Parse("--since", s) : TimeSpan.FromHours(24);
            if (parse.GetValue(noHistory) && (parse.GetValue(db) is not null || parse.GetValue(since) is not null))
            {
                throw new PortDoctorException("--no-history leaves the history out: it cannot be combined with --db or --since", ExitCode.Usage);
            }

            var started = env.Host.Time.GetUtcNow();
            var path = parse.GetValue(output) ?? DefaultName(started);
            if (Directory.Exists(path))
            {
                throw new PortDoctorException($"--out {path}: is a directory; give a file name such as {Path.Combine(path, DefaultName(started))}", ExitCode.Usage);
            }

            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
            {
                throw new PortDoctorException($"--out {path}: no such folder {folder}", ExitCode.Usage);
            }

            // The dump's checks (process, a way to dump it, free disk) come before anything is written.
            var dumpPlan = parse.GetValue(dump) is { } pid ? env.Host.ProcessDumper.Prepare(pid, DumpPath(path, pid, env.Host.Os)) : null;
            var masker = parse.GetValue(mask) ? new AddressMask([Environment.MachineName, System.Net.Dns.GetHostName()]) : null;
            var items = CollectItems.Capture(env, traceFor, cancel);
            if (!parse.GetValue(noHistory))
            {
                items.Add(CollectItems.History(env, parse.GetValue(db), historyFor, Path.GetDirectoryName(Path.GetFullPath(path))!, masker));
            }

            if (dumpPlan is not null)
            {
                items.Add(CollectItems.Dump(env, dumpPlan, cancel));
            }

            var manifest = BundleZip.Write(path, items, new BundleManifestJson(
                1,
                "portdoctor " + (typeof(CollectCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown"),
                Environment.MachineName,
                env.Host.Os.ToString().ToLowerInvariant(),
                started,
                env.Host.Time.GetUtcNow(),
                false,
                []), masker);
            var skipped = manifest.Items.Where(i => i.Skipped is not null).ToList();
            env.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: {manifest.Items.Count - skipped.Count} items, {skipped.Count} skipped, {new FileInfo(path).Length / 1024.0:0.#} KB"));
            foreach (var item in skipped)
            {
                env.Error.WriteLine($"portdoctor: note: {item.Name} skipped: {item.Skipped}");
            }

            if (masker is not null)
            {
                env.Out.WriteLine($"mask map (keep it, do not send it): {BundleZip.MapPath(path)}");
            }

            return Task.FromResult((int)ExitCode.Ok);
        });
        return command;
    }

    /// <summary>Beside the zip, not in it: a dump is as large as the process. An ELF core on Linux, a minidump (.dmp, WinDbg's) on Windows.</summary>
    private static string DumpPath(string zip, int pid, Core.Model.OsKind os) =>
        Path.ChangeExtension(Path.GetFullPath(zip), null) + $"-pid{pid}" + (os == Core.Model.OsKind.Windows ? ".dmp" : ".core");

    private static string DefaultName(DateTimeOffset at) =>
        $"portdoctor-{Environment.MachineName}-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.zip";
}
