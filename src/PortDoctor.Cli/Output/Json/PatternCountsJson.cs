namespace PortDoctor.Cli.Output.Json;

internal sealed record PatternCountsJson(int Bound, int Established, int CloseWait, int TimeWait, int SynSent, int Closing, int UdpBound);
