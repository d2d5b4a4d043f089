using System.Runtime.ExceptionServices;
using System.Runtime.Versioning;
using System.ServiceProcess;

namespace PortDoctor.Platform.Windows;

/// <summary>
/// A verb run as a Windows service: the Service Control Manager starts it, and a service stop (or a
/// shutdown) cancels its token and waits for it to finish, so the monitor completes the sample's
/// transaction and the service reports exit code 0. ServiceBase directly rather than
/// Microsoft.Extensions.Hosting.WindowsServices: that package brings the whole Generic Host for these
/// two callbacks (the same choice as ServiceNotifier for systemd).
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsServiceHost : ServiceBase
{
    /// <summary>How long a stop waits for the current sample before the service reports stopped anyway.</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(30);

    private readonly Func<CancellationToken, Task<int>> _run;
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _running;

    private WindowsServiceHost(string name, Func<CancellationToken, Task<int>> run)
    {
        ServiceName = name;
        CanStop = true;
        CanShutdown = true;
        AutoLog = false;
        _run = run;
    }

    /// <summary>Blocks until the service has stopped; the verb's exit code (0 after a stop).</summary>
    public static int Run(string name, Func<CancellationToken, Task<int>> run)
    {
        using var host = new WindowsServiceHost(name, run);
        ServiceBase.Run(host);
        if (host._running is null)
        {
            // StartServiceCtrlDispatcher refused: not started by the SCM (a console, a scheduled task).
            throw new Core.PortDoctorException(
                $"--service runs only when the Service Control Manager starts it: install it with `sc.exe create {name} binPath= \"<path>\\portdoctor.exe monitor --service\"` and start it with `sc.exe start {name}` (docs/windows.md)",
                Core.ExitCode.Usage);
        }

        if (host._running is { IsFaulted: true } failed)
        {
            // The CLI's handler turns it into its one line and exit code, as outside a service.
            ExceptionDispatchInfo.Throw(failed.Exception!.InnerException!);
        }

        return host._running is { IsCompletedSuccessfully: true } done ? done.Result : host.ExitCode;
    }

    protected override void OnStart(string[] args)
    {
        _running = Task.Run(() => _run(_stop.Token));

        // The verb may end by itself (--duration, a fatal error): the service then stops with its code.
        _running.ContinueWith(
            done =>
            {
                ExitCode = CodeOf(done);
                if (!_stop.IsCancellationRequested)
                {
                    Stop();
                }
            },
            TaskScheduler.Default);
    }

    /// <summary>ServiceBase reports STOP_PENDING before this, so more time may be asked for the current sample.</summary>
    protected override void OnStop()
    {
        RequestAdditionalTime((int)StopWait.TotalMilliseconds);
        Finish();
    }

    /// <summary>No pending state here (RequestAdditionalTime would throw): Windows' shutdown timeout bounds the wait.</summary>
    protected override void OnShutdown() => Finish();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>What the SCM reports: the verb's code, or the failure's (70 for an unexpected one).</summary>
    private static int CodeOf(Task<int> done) =>
        done.IsCompletedSuccessfully ? done.Result
        : done.IsCanceled ? (int)Core.ExitCode.Ok
        : done.Exception?.InnerException is Core.PortDoctorException failure ? (int)failure.Code
        : (int)Core.ExitCode.Internal;

    private void Finish()
    {
        _stop.Cancel();
        if (_running is not { } running)
        {
            return;
        }

        try
        {
            running.Wait(StopWait);
        }
        catch (AggregateException)
        {
            // Its failure is the exit code below.
        }

        ExitCode = running.IsCompleted ? CodeOf(running) : ExitCode;
    }
}
