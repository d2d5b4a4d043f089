namespace PortDoctor.Platform.Dump;

/// <summary>
/// `collect --dump PID`: one process's memory dump, the guide's last resort. <see cref="Prepare"/> checks
/// everything it can before anything is written (the process, a way to dump it, free disk);
/// <see cref="Write"/> writes the dump whole or not at all.
/// </summary>
public interface IProcessDumper
{
    /// <summary>Throws a <see cref="Core.PortDoctorException"/>: no such process 65, no way to dump or too little disk 69.</summary>
    DumpPlan Prepare(int pid, string path);

    /// <summary>Throws a <see cref="Core.PortDoctorException"/> (no permission 77, failed 69) and leaves no file behind.</summary>
    void Write(DumpPlan plan, CancellationToken cancellationToken);
}
