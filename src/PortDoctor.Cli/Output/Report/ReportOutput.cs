using PortDoctor.Core;

namespace PortDoctor.Cli.Output.Report;

/// <summary>
/// Where a report goes: standard output, or --out FILE written whole or not at all (a temporary
/// file beside it, renamed over it when complete; removed when writing fails).
/// </summary>
internal static class ReportOutput
{
    public static void Write(CliEnvironment env, string? path, Action<CliEnvironment> write)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(write);
        if (string.IsNullOrWhiteSpace(path))
        {
            write(env);
            return;
        }

        var full = Path.GetFullPath(path);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
            {
                write(env with { Out = writer, OutIsTerminal = false, RawOut = null });
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new PortDoctorException($"cannot write --out {path}: {e.Message}", ExitCode.Unavailable);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
