namespace PortDoctor.Reporting.Html;

/// <summary>
/// The verdict: its wire name ("healthy", "at-risk", "exhausted", or what the report says when it
/// cannot judge), a one-line summary, and the reasons behind it.
/// </summary>
public sealed record HtmlVerdict(string Level, string Summary, IReadOnlyList<string> Reasons);
