using System.Diagnostics;
using System.Text;
using PortDoctor.Cli.Tests.Lab;

namespace PortDoctor.Cli.Tests.Trace;

/// <summary>
/// The built binary running `trace` as a user runs it: SIGINT at its default (Ctrl+C works), its
/// state directory in a temp folder (so no real trace-last.json is left for other tests' diagnose).
/// </summary>
internal sealed class TraceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource<bool> _tracing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task<string> _output;
    private readonly Task _errorRead;

    private TraceProcess(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _errorRead = Task.Run(ReadError);
    }

    public static string InstancePath => "/sys/kernel/tracing/instances/portdoctor";

    public static string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), $"pd-trace-state-{Environment.ProcessId}");

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public static TraceProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("env", ["--default-signal=INT", $"XDG_DATA_HOME={StateDirectory}", LabProcess.Binary, "trace", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return new TraceProcess(Process.Start(start)!);
    }

    /// <summary>Runs a trace to its end: exit code, stdout, stderr.</summary>
    public static (int Code, string Out, string Error) Run(params string[] args)
    {
        using var trace = Start(args);
        return trace.Finish(TimeSpan.FromMinutes(1));
    }

    /// <summary>True once the kernel records (the tracing line), false if it ended or 60 s passed first.</summary>
    public async Task<bool> TracingAsync() =>
        await Task.WhenAny(_tracing.Task, Task.Delay(TimeSpan.FromSeconds(60))) == _tracing.Task && _tracing.Task.Result;

    public void Interrupt() => LabProcess.RunTool("kill", "-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public (int Code, string Out, string Error) Finish(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill();
            throw new TimeoutException($"trace did not end within {timeout.TotalSeconds} s: {Error}");
        }

        _errorRead.Wait(timeout);
        return (_process.ExitCode, _output.Result, Error);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void ReadError()
    {
        while (_process.StandardError.ReadLine() is { } line)
        {
            lock (_error)
            {
                _error.AppendLine(line);
            }

            if (line.StartsWith("portdoctor: tracing ", StringComparison.Ordinal))
            {
                _tracing.TrySetResult(true);
            }
        }

        _tracing.TrySetResult(false);
    }
}
