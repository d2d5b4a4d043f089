namespace PortDoctor.Platform.Dump;

/// <summary>What <see cref="IProcessDumper.Write"/> will do: the process, where the dump goes, how (the manifest's command).</summary>
public sealed record DumpPlan(int Pid, string Path, string Command, long ExpectedBytes)
{
    /// <summary>A .NET process dumped through its diagnostics socket rather than gcore.</summary>
    public bool DotNet { get; init; }
}
