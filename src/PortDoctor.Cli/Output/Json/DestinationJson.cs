namespace PortDoctor.Cli.Output.Json;

internal sealed record DestinationJson(string LocalAddress, string Remote, int Ports, int TimeWait);
