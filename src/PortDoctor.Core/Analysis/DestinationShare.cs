using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>How many of one process's ephemeral TCP sockets go toward one remote endpoint.</summary>
public sealed record DestinationShare(Endpoint Remote, int Sockets);
