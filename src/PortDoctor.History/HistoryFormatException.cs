using PortDoctor.Core;

namespace PortDoctor.History;

/// <summary>The file is not a history this version can read: not SQLite, corrupt, or a newer schema.</summary>
internal sealed class HistoryFormatException : PortDoctorException
{
    public HistoryFormatException(string message, Exception? inner = null)
        : base(message, ExitCode.BadInput, inner)
    {
    }
}
