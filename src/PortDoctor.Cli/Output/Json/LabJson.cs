using System.Text.Json;

namespace PortDoctor.Cli.Output.Json;

/// <summary>`lab --format json`: what the lab did, and diagnose's own JSON document from inside the namespace.</summary>
internal sealed record LabJson(
    string Namespace,
    string Pattern,
    int RangeStart,
    int RangeEnd,
    int? FillPercent,
    int WorkloadPid,
    int Taken,
    string StopReason,
    int DiagnoseExitCode,
    JsonElement? Diagnosis);
