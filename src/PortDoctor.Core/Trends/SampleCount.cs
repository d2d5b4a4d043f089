using PortDoctor.Core.Model;

namespace PortDoctor.Core.Trends;

/// <summary>Sockets of one PID in one state in a sample (<see cref="SampleSummary.OfCounts"/>).</summary>
public readonly record struct SampleCount(int Pid, SocketState State, int Count);
