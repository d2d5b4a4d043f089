using System.Text.Json;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Cli.Output.Trace;
using PortDoctor.Core.Tracing;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// The last trace's summary, kept as JSON in the state directory (trace-last.json) so that a
/// diagnose within the hour can cite its failures as confirmation. Written whole (temp + rename).
/// </summary>
internal static class TraceStateFile
{
    public const string FileName = "trace-last.json";

    /// <summary>How old a trace diagnose still cites.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromHours(1);

    public static void Keep(CliEnvironment env, TraceSummary summary)
    {
        var path = Path.Combine(env.Host.StateDirectory, FileName);
        var temp = path + ".tmp";
        try
        {
            Directory.CreateDirectory(env.Host.StateDirectory);
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(TraceView.ToJson(summary), CliJsonContext.Readable.TraceJson));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Discard(temp);
            env.Error.WriteLine($"portdoctor: note: the summary was not kept for diagnose: {path}: {ex.Message}");
        }
    }

    private static void Discard(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The directory refused the write already; the note above says the summary was not kept.
        }
    }

    /// <summary>The kept summary when it ended within <see cref="Recent"/> of now; null when there is none, it is older, or unreadable.</summary>
    public static TraceSummary? ReadRecent(CliEnvironment env)
    {
        var path = Path.Combine(env.Host.StateDirectory, FileName);
        try
        {
            var json = JsonSerializer.Deserialize(File.ReadAllBytes(path), CliJsonContext.Readable.TraceJson);
            var age = env.Host.Time.GetUtcNow() - json?.Ended;
            return json is not null && age < Recent && age > -Recent ? TraceView.FromJson(json) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
