using System.Diagnostics;
using System.Globalization;
using System.Text;
using PortDoctor.Core;

namespace PortDoctor.Reporting.Html;

/// <summary>
/// Writes the report to a file whole or not at all: into <c>.NAME.portdoctor-PID.tmp</c> beside
/// it, flushed, then renamed over <c>NAME</c>, so a reader (or a mail attachment) never sees half a
/// page. A temp file left by a killed run (its PID no longer runs, or is now this process's) is
/// removed by the next write of the same name.
/// </summary>
public static class HtmlReportFile
{
    public static void Write(string path, HtmlReportContent content, HtmlReportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
        {
            throw new PortDoctorException($"--out {path}: the folder {dir} does not exist", ExitCode.Usage);
        }

        SweepStale(dir, Path.GetFileName(full));
        var temp = Path.Combine(dir, TempName(Path.GetFileName(full), Environment.ProcessId));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            {
                HtmlReport.Write(writer, content, options);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    internal static string TempName(string name, int pid) =>
        string.Create(CultureInfo.InvariantCulture, $".{name}.portdoctor-{pid}.tmp");

    private static void SweepStale(string dir, string name)
    {
        var prefix = $".{name}.portdoctor-";
        foreach (var file in Directory.EnumerateFiles(dir, prefix + "*.tmp"))
        {
            var pidText = Path.GetFileName(file)[prefix.Length..^".tmp".Length];
            if (int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && (pid == Environment.ProcessId || !Running(pid)))
            {
                File.Delete(file);
            }
        }
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
