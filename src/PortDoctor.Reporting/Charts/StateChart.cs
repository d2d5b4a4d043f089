using ScottPlot;

namespace PortDoctor.Reporting.Charts;

/// <summary>Sockets (or ports) per state over time, stacked (mean per pixel), so the stack's height is the pool's total and each layer its share.</summary>
internal static class StateChart
{
    public static Plot Build(IReadOnlyList<NamedSeries> states, string unit, int buckets)
    {
        var plot = ChartStyle.NewPlot($"{ChartStyle.Capitalized(unit)} per state (stacked)", unit);
        var shown = states.Where(s => s.Points.Count > 0).ToList();
        if (shown.Count == 0)
        {
            return ChartStyle.Empty(plot, "no per-state samples");
        }

        return StackedFill.Draw(plot, shown, buckets);
    }
}
