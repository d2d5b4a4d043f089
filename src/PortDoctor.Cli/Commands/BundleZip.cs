using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Core.Bundle;
using PortDoctor.Platform.Bundle;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// Writes the bundle whole or not at all: a temp file beside the target, renamed at the end (a
/// killed collect leaves only `.portdoctor-*.tmp` or a partial dump `.portdoctor-*.dump.PID`, removed by the next collect into that folder).
/// With a mask, every item, the host and the commands are masked, and the map goes to a file
/// apart from the zip (mode 0600).
/// </summary>
internal static class BundleZip
{
    public static BundleManifestJson Write(string path, IReadOnlyList<CapturedItem> items, BundleManifestJson manifest, AddressMask? mask)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        SweepStale(folder);
        var temp = Path.Combine(folder, $".portdoctor-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            var entries = new List<BundleItemJson>();
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                foreach (var item in items)
                {
                    if (item.Beside is { } beside)
                    {
                        entries.Add(BesideEntry(item, beside));
                        continue;
                    }

                    var content = mask is null || item.Content.Length == 0 || item.Binary ? item.Content : Encoding.UTF8.GetBytes(mask.Apply(Encoding.UTF8.GetString(item.Content)));
                    if (item.Skipped is null)
                    {
                        using var entry = zip.CreateEntry(item.Name, CompressionLevel.Optimal).Open();
                        entry.Write(content);
                    }

                    entries.Add(new BundleItemJson(
                        item.Name,
                        mask?.Apply(item.Command) ?? item.Command,
                        item.ExitCode,
                        Math.Round(item.Duration.TotalMilliseconds, 1),
                        content.Length,
                        item.Skipped is null ? Convert.ToHexStringLower(SHA256.HashData(content)) : null,
                        item.Skipped is { } why ? mask?.Apply(why) ?? why : null,
                        item.Truncated));
                }

                manifest = manifest with { Host = mask?.Apply(manifest.Host) ?? manifest.Host, Masked = mask is not null, Items = entries };
                using var manifestEntry = zip.CreateEntry("manifest.json").Open();
                manifestEntry.Write(JsonSerializer.SerializeToUtf8Bytes(manifest, CliJsonContext.Readable.BundleManifestJson));
            }

            if (mask is not null)
            {
                WriteMap(MapPath(path), mask);
            }

            File.Move(temp, path, overwrite: true);
            return manifest;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static string MapPath(string bundle) => bundle + ".mask-map.json";

    /// <summary>A file beside the zip (a process dump, too large to zip): its size and SHA-256, read from the file.</summary>
    private static BundleItemJson BesideEntry(CapturedItem item, string path)
    {
        using var file = File.OpenRead(path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(file));
        return new BundleItemJson(item.Name, item.Command, item.ExitCode, Math.Round(item.Duration.TotalMilliseconds, 1), file.Length, sha, null, false);
    }

    private static void WriteMap(string path, AddressMask mask)
    {
        var temp = path + ".tmp";
        var map = mask.Map.ToDictionary(StringComparer.Ordinal);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // The map undoes the mask: readable by its owner only.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(map, CliJsonContext.Readable.DictionaryStringString));
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Temp files of a collect that was killed; those of a running one are younger than an hour.</summary>
    private static void SweepStale(string folder)
    {
        var partial = Directory.EnumerateFiles(folder, ".portdoctor-*.tmp").Concat(Directory.EnumerateFiles(folder, ".portdoctor-*.dump.*"));
        foreach (var stale in partial)
        {
            if (File.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddHours(-1))
            {
                File.Delete(stale);
            }
        }
    }
}
