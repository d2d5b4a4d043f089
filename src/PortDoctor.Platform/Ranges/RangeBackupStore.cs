using System.Text.Json;
using PortDoctor.Core;

namespace PortDoctor.Platform.Ranges;

/// <summary>Reads and writes the backup file atomically (temp file, then rename).</summary>
public sealed class RangeBackupStore(string directory)
{
    public string FilePath { get; } = Path.Combine(directory, RangeStateLocations.BackupFileName);

    public RangeBackup? Load()
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(FilePath), RangeBackupJsonContext.Default.RangeBackup)
                ?? throw new PortDoctorException($"{FilePath}:1: empty backup file");
        }
        catch (JsonException ex)
        {
            throw new PortDoctorException($"{FilePath}:{(ex.LineNumber ?? 0) + 1}: not a PortDoctor range backup ({ex.Message})");
        }
    }

    public void Save(RangeBackup backup)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temp = FilePath + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(backup, RangeBackupJsonContext.Default.RangeBackup));
        File.Move(temp, FilePath, overwrite: true);
    }

    public void Delete() => File.Delete(FilePath);
}
