using PortDoctor.Core;

namespace PortDoctor.History;

/// <summary>A second writer tried to open a history file another process (or store) is writing.</summary>
internal sealed class HistoryWriterConflictException : PortDoctorException
{
    public HistoryWriterConflictException(string path, Exception? inner = null)
        : base($"{path}: another portdoctor monitor is writing this history file; only one writer may (readers may open it)", ExitCode.Unavailable, inner)
        => Path = path;

    public string Path { get; }
}
