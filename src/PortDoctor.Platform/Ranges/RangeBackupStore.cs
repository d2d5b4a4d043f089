using System.Text.Json;
using PortDoctor.Core;

namespace PortDoctor.Platform.Ranges;

/// <summary>
/// Reads (validated) and writes (durably, see <see cref="DurableFile"/>) the backup file. Writers
/// hold the <see cref="RangeStateLock"/> of the same directory.
/// </summary>
public sealed class RangeBackupStore(string directory)
{
    public string Directory { get; } = directory;

    public string FilePath { get; } = Path.Combine(directory, RangeStateLocations.BackupFileName);

    /// <exception cref="PortDoctorException">Exit 65 with file:line when the file is not a sound backup.</exception>
    public RangeBackup? Load()
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        var text = File.ReadAllText(FilePath);
        RangeBackup? backup;
        try
        {
            backup = JsonSerializer.Deserialize(text, RangeBackupJsonContext.Default.RangeBackup);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" at {ex.Path}";
            throw new PortDoctorException($"{FilePath}:{(ex.LineNumber ?? 0) + 1}: not a PortDoctor range backup{field} ({ex.Message})");
        }

        var loaded = backup ?? throw new PortDoctorException($"{FilePath}:1: empty backup file");
        RangeBackupValidation.Check(loaded, FilePath, text);
        return loaded;
    }

    /// <exception cref="PortDoctorException">When it cannot be written (full, read-only, no permission); no temp file is left.</exception>
    public void Save(RangeBackup backup)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            DurableFile.Write(FilePath, JsonSerializer.Serialize(backup, RangeBackupJsonContext.Default.RangeBackup));
        }
        catch (Exception ex) when (StateFileFault.IsFileFault(ex))
        {
            throw StateFileFault.From(FilePath, ex, "nothing changed");
        }
    }

    /// <summary>Fails now, before anything changes, when the backup could not be removed after a rollback.</summary>
    public void CheckWritable()
    {
        try
        {
            DurableFile.Delete(DurableFile.WriteTemp(FilePath, ""));
        }
        catch (Exception ex) when (StateFileFault.IsFileFault(ex))
        {
            throw StateFileFault.From(Directory, ex, "nothing changed");
        }
    }

    public void SweepTemps() => DurableFile.SweepTemps(Directory, RangeStateLocations.BackupFileName);

    public void Delete() => DurableFile.Delete(FilePath);
}
