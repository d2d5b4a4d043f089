namespace PortDoctor.Reporting.Html;

/// <summary>A change point: when, what kind ("restart", "deploy", "range-change"), and what changed in words.</summary>
public sealed record HtmlChangePoint(DateTimeOffset Time, string Kind, string Description);
