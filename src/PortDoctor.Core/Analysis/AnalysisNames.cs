namespace PortDoctor.Core.Analysis;

/// <summary>The one spelling of analysis values in output (JSON, tables): kebab-case, stable.</summary>
public static class AnalysisNames
{
    public static string ToName(this LeakPattern pattern) => pattern switch
    {
        LeakPattern.Bound => "bound",
        LeakPattern.Established => "established",
        LeakPattern.CloseWait => "close-wait",
        LeakPattern.TimeWait => "time-wait",
        LeakPattern.SynSent => "syn-sent",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern)),
    };

    public static string ToName(this Verdict verdict) => verdict switch
    {
        Verdict.Healthy => "healthy",
        Verdict.AtRisk => "at-risk",
        Verdict.Exhausted => "exhausted",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    public static string ToName(this AttributionConfidence confidence) => confidence switch
    {
        AttributionConfidence.High => "high",
        AttributionConfidence.Medium => "medium",
        AttributionConfidence.Low => "low",
        _ => "none",
    };

    public static bool TryParsePattern(string text, out LeakPattern pattern)
    {
        foreach (var candidate in Enum.GetValues<LeakPattern>())
        {
            if (string.Equals(candidate.ToName(), text, StringComparison.OrdinalIgnoreCase))
            {
                pattern = candidate;
                return true;
            }
        }

        pattern = default;
        return false;
    }
}
