using Microsoft.Diagnostics.NETCore.Client;
using PortDoctor.Core;

namespace PortDoctor.Platform.Dump;

/// <summary>
/// A .NET process's dump through its diagnostics socket (Microsoft.Diagnostics.NETCore.Client): the
/// runtime's own createdump writes it, heap included, as an ELF core on Linux.
/// </summary>
internal static class DotNetDump
{
    public static void Write(DumpPlan plan)
    {
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(plan.Path))!, $".portdoctor-{Environment.ProcessId}-{Guid.NewGuid():N}.dump.{plan.Pid}");
        try
        {
            new DiagnosticsClient(plan.Pid).WriteDump(DumpType.WithHeap, temp);
            File.Move(temp, plan.Path, overwrite: true);
        }
        catch (UnauthorizedAccessException ex)
        {
            File.Delete(temp);
            throw new PortDoctorException($"--dump {plan.Pid}: no permission to reach its diagnostics socket: {ex.Message}", ExitCode.NoPermission);
        }
        catch (Exception ex) when (ex is DiagnosticsClientException or IOException or TimeoutException)
        {
            File.Delete(temp);
            throw new PortDoctorException($"--dump {plan.Pid}: the .NET runtime did not write the dump: {ex.Message}", ExitCode.Unavailable);
        }
    }
}
