using PortDoctor.Core;

namespace PortDoctor.History;

/// <summary>
/// A sample could not be written or read now (locked, full, I/O error): the monitor logs the one
/// line and tries again next interval. Nothing of the failed transaction is kept.
/// </summary>
internal sealed class HistoryUnavailableException : PortDoctorException
{
    public HistoryUnavailableException(string message, HistoryFault fault, Exception? inner = null)
        : base(message, ExitCode.Unavailable, inner) => Fault = fault;

    public HistoryFault Fault { get; }
}
