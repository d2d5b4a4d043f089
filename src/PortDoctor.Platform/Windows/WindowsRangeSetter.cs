using System.ComponentModel;
using System.Runtime.Versioning;
using System.Security.Principal;
using PortDoctor.Core;
using PortDoctor.Core.Ranges;
using PortDoctor.Evidence.Windows;
using PortDoctor.Platform.Ranges;

namespace PortDoctor.Platform.Windows;

/// <summary>
/// Runs `netsh int ipvX set dynamicport tcp|udp start=N num=N` per target, as an argument list.
/// If one fails, those already applied are set back before the error is reported.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsRangeSetter : IPortRangeSetter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Describe(RangeSetPlan plan) =>
        [.. WindowsRangeCommands.ForSet(plan).Select(NetshArguments.Display)];

    public IReadOnlyList<string> DescribeRestore(RangeBackup backup) =>
        [.. WindowsRangeCommands.ForRestore(backup).Select(NetshArguments.Display)];

    public RangeScope Scope() => new(Environment.MachineName, null);

    public void CheckAccess(RangeSetPlan? plan) => RequireAdministrator();

    public RangeBackup Capture(RangeSetPlan plan) => WindowsRangeCommands.ToBackup(plan, DateTimeOffset.UtcNow, Scope().Machine);

    public void Apply(RangeSetPlan plan, RangeBackup before)
    {
        RequireAdministrator();
        var undo = WindowsRangeCommands.ForRestore(before);
        var commands = WindowsRangeCommands.ForSet(plan);
        for (var i = 0; i < commands.Count; i++)
        {
            try
            {
                Run(commands[i]);
            }
            catch (PortDoctorException)
            {
                for (var j = i - 1; j >= 0; j--)
                {
                    Run(undo[j]);
                }

                throw;
            }
        }
    }

    public void Restore(RangeBackup backup)
    {
        RequireAdministrator();
        foreach (var command in WindowsRangeCommands.ForRestore(backup))
        {
            Run(command);
        }
    }

    private static void Run(IReadOnlyList<string> arguments)
    {
        ExternalCommand.Result result;
        try
        {
            result = ExternalCommand.Run(NetshArguments.FileName, arguments, Timeout);
        }
        catch (Win32Exception ex)
        {
            throw new PortDoctorException($"'{NetshArguments.Display(arguments)}' could not run: {ex.Message}", ExitCode.Unavailable, ex);
        }

        if (result.ExitCode != 0)
        {
            var said = string.Join(' ', (result.Output + " " + result.Error).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            throw new PortDoctorException($"'{NetshArguments.Display(arguments)}' failed ({result.ExitCode}): {said}", ExitCode.Unavailable);
        }
    }

    private static void RequireAdministrator()
    {
        using var identity = WindowsIdentity.GetCurrent();
        if (!new WindowsPrincipal(identity).IsInRole(WindowsBuiltInRole.Administrator))
        {
            throw new PortDoctorException(
                "changing the dynamic port range needs an elevated (Run as administrator) prompt",
                ExitCode.NoPermission);
        }
    }
}
