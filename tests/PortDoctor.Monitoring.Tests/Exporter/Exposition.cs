using PortDoctor.Monitoring.Exporter;

namespace PortDoctor.Monitoring.Tests.Exporter;

/// <summary>Renders what a scrape would read, and picks series out of it.</summary>
internal static class Exposition
{
    public static string Render(MonitorMetrics metrics)
    {
        using var stream = new MemoryStream();
        metrics.WriteAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Render(NamespaceMetrics metrics)
    {
        using var stream = new MemoryStream();
        metrics.WriteAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Series lines (no comments, no blank lines).</summary>
    public static IReadOnlyList<string> Series(string text) =>
        [.. text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))];

    /// <summary>The value of the one series whose line starts with <paramref name="nameAndLabels"/>, or null.</summary>
    public static double? Value(string text, string nameAndLabels)
    {
        var line = Series(text).SingleOrDefault(l => l.StartsWith(nameAndLabels + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(nameAndLabels.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
