namespace PortDoctor.Cli.Commands;

/// <summary>What the lab's workload did and what diagnose printed inside the namespace.</summary>
internal sealed record LabResult(int WorkloadPid, int Taken, string StopReason, int DiagnoseExitCode, string DiagnoseOutput);
