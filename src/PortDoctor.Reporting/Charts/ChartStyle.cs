using ScottPlot;

namespace PortDoctor.Reporting.Charts;

/// <summary>What every report chart shares: fonts, the UTC time axis, the palette, an empty-plot message.</summary>
internal static class ChartStyle
{
    public static readonly Color UtilizationLine = Color.FromHex("#1f77b4");
    public static readonly Color ForecastLine = Color.FromHex("#d62728");
    public static readonly Color ForecastBand = Color.FromHex("#ff7f0e").WithAlpha(0.35);
    public static readonly Color Capacity = Color.FromHex("#555555");

    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    // ScottPlot's default resolves to a serif face under fontconfig: take the first common sans
    // family installed (Linux, Windows, macOS), else ScottPlot's own choice.
    private static readonly string SansFamily = new[] { "DejaVu Sans", "Liberation Sans", "Segoe UI", "Arial", "Helvetica" }
        .Intersect(SkiaSharp.SKFontManager.Default.FontFamilies, StringComparer.OrdinalIgnoreCase)
        .FirstOrDefault() ?? Fonts.Sans;

    public static Color SeriesColor(int index) => Palette.GetColor(index);

    public static Plot NewPlot(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(SansFamily);
        plot.Title(title, size: 16);
        plot.YLabel(yLabel, size: 13);
        plot.XLabel("time (UTC)", size: 13);
        plot.Axes.DateTimeTicksBottom();
        return plot;
    }

    public static string Capitalized(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    public static double X(DateTimeOffset time) => time.UtcDateTime.ToOADate();

    public static double[] X(IEnumerable<DateTimeOffset> times) => times.Select(X).ToArray();

    /// <summary>A plot that says there is nothing to draw, rather than an empty frame.</summary>
    public static Plot Empty(Plot plot, string message)
    {
        plot.Axes.DateTimeTicksBottom();
        var text = plot.Add.Text(message, 0, 0);
        text.LabelFontSize = 16;
        text.LabelAlignment = Alignment.MiddleCenter;
        plot.Axes.SetLimits(-1, 1, -1, 1);
        return plot;
    }

    public static void LegendUpperLeft(Plot plot)
    {
        plot.Legend.FontSize = 12;
        plot.ShowLegend(Alignment.UpperLeft);
    }
}
