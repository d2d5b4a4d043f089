using System.Diagnostics;
using PortDoctor.Core;

namespace PortDoctor.Platform.Lab;

/// <summary>
/// A lab process started inside the namespace (`ip netns exec` replaces itself with the command,
/// so this process is the child itself). It reports one "ready ..." line; closing its stdin stops it.
/// </summary>
public sealed class LabChild : IDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private readonly Process _process;
    private readonly string _what;

    private LabChild(Process process, string what)
    {
        _process = process;
        _what = what;
    }

    public int Pid => _process.Id;

    public static LabChild Start(string namespaceName, SelfInvocation self, string what, IEnumerable<string> arguments) =>
        new(Launch(namespaceName, self, what, arguments), what);

    /// <summary>Runs this binary inside the namespace to the end: exit code, stdout, stderr.</summary>
    public static (int Code, string Output, string Error) RunToEnd(
        string namespaceName, SelfInvocation self, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Launch(namespaceName, self, "diagnose", arguments);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            process.WaitForExitAsync(deadline.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            process.WaitForExit();
            cancellationToken.ThrowIfCancellationRequested();
            throw new PortDoctorException($"lab: diagnose did not finish within {timeout.TotalSeconds:0} s", ExitCode.Unavailable);
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private static Process Launch(string namespaceName, SelfInvocation self, string what, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(self);
        var start = OwnSession.StartInfo(
            Iproute2.Path, new[] { "netns", "exec", namespaceName, self.FileName }.Concat(self.PrefixArguments).Concat(arguments));
        return Process.Start(start) ?? throw new PortDoctorException($"lab: could not start the {what}", ExitCode.Unavailable);
    }

    /// <summary>Waits for the child's "ready ..." line and returns it.</summary>
    public string WaitUntilReady(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var line = _process.StandardOutput.ReadLineAsync(cancellationToken).AsTask();
        if (!line.Wait(timeout, cancellationToken) || line.Result is not { } text || !text.StartsWith("ready ", StringComparison.Ordinal))
        {
            var error = _process.HasExited ? _process.StandardError.ReadToEnd().Trim() : "";
            throw new PortDoctorException(
                $"lab: the {_what} did not start{(error.Length > 0 ? $": {error.Split('\n')[0]}" : $" within {timeout.TotalSeconds:0} s")}",
                ExitCode.Unavailable);
        }

        return text;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(StopGrace))
                {
                    _process.Kill();
                    _process.WaitForExit(StopGrace);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
