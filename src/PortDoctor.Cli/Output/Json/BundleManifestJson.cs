namespace PortDoctor.Cli.Output.Json;

/// <summary>collect's manifest.json: what was captured, when, where, and each item's outcome.</summary>
internal sealed record BundleManifestJson(
    int SchemaVersion,
    string Tool,
    string Host,
    string Os,
    DateTimeOffset Started,
    DateTimeOffset Ended,
    bool Masked,
    IReadOnlyList<BundleItemJson> Items);
