namespace PortDoctor.Cli.Output.Json;

/// <summary>A dynamic range row of `range show`; protocol and family are null for Linux reserved ports (all of them).</summary>
internal sealed record PortRangeJson(string? Protocol, string? Family, int Start, int Count, int End);
