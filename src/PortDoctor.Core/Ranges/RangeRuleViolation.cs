namespace PortDoctor.Core.Ranges;

/// <summary>One reason a proposed range is refused (error) or deserves a second look (warning).</summary>
public sealed record RangeRuleViolation(string Rule, string Message, bool IsWarning = false);
