namespace PortDoctor.Cli.Output.Trace;

/// <summary>One table/CSV row: a process and one kind of failure it had.</summary>
internal sealed record TraceRow(int Pid, string Command, string Call, string Errno, string Family, long Count, DateTimeOffset First, DateTimeOffset Last);
