using System.IO.Compression;
using PortDoctor.Core;
using PortDoctor.History;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// The monitor's history a collect bundle carries (`history.db`), extracted to a temporary file for
/// SQLite (which reads files, not zip entries) and deleted on dispose. `report --from` and
/// `diagnose --from` take their trend and TIME_WAIT owners from it, anchored at its last sample.
/// </summary>
internal sealed class BundleHistory : IDisposable
{
    /// <summary>Larger than collect ever writes (16 MB): a bigger entry is not ours, and is not unpacked.</summary>
    private const long MaxBytes = 256L << 20;

    private BundleHistory(string path, string shownAs) => (Path, ShownAs) = (path, shownAs);

    /// <summary>The extracted file.</summary>
    public string Path { get; }

    /// <summary>How the user knows it: "bundle.zip!history.db".</summary>
    public string ShownAs { get; }

    /// <summary>The first bundle among <paramref name="files"/> with a history, or null. A damaged zip is left to the evidence reader to report.</summary>
    public static BundleHistory? Find(IReadOnlyList<string> files)
    {
        foreach (var file in files)
        {
            if (!IsZip(file))
            {
                continue;
            }

            ZipArchive zip;
            try
            {
                zip = ZipFile.OpenRead(file);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                continue;
            }

            using (zip)
            {
                if (zip.GetEntry(CollectItems.HistoryEntry) is { } entry)
                {
                    return Extract(entry, $"{System.IO.Path.GetFileName(file)}!{entry.FullName}");
                }
            }
        }

        return null;
    }

    /// <summary>The newest stored sample's time (what the bundle's windows count back from), or null for an empty history.</summary>
    public DateTimeOffset? LastSampleTime()
    {
        using var store = HistoryStore.OpenReadOnly(Path);
        return store.LastSampleTime();
    }

    public void Dispose() => File.Delete(Path);

    private static BundleHistory Extract(ZipArchiveEntry entry, string shownAs)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portdoctor-bundle-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        try
        {
            using (var source = entry.Open())
            using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                var buffer = new byte[81920];
                long total = 0;
                int n;
                while ((n = source.Read(buffer)) > 0)
                {
                    total += n;
                    if (total > MaxBytes)
                    {
                        throw new PortDoctorException($"{shownAs}: larger than {MaxBytes >> 20} MB unpacked: not a history collect wrote", ExitCode.BadInput);
                    }

                    target.Write(buffer, 0, n);
                }
            }

            return new BundleHistory(path, shownAs);
        }
        catch (InvalidDataException ex)
        {
            File.Delete(path);
            throw new PortDoctorException($"{shownAs}: cannot unpack: {ex.Message}", ExitCode.BadInput, ex);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private static bool IsZip(string file)
    {
        try
        {
            if (file == "-" || !File.Exists(file))
            {
                return false;
            }

            using var stream = File.OpenRead(file);
            Span<byte> head = stackalloc byte[4];
            return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head is [(byte)'P', (byte)'K', 3, 4];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
