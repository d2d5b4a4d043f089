using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PortDoctor.Cli.Tests.Lab;
using Xunit;

namespace PortDoctor.Cli.Tests.Monitor;

/// <summary>
/// A real `monitor --format json` process read sample by sample as it runs, and stopped with SIGTERM
/// (which finishes the sample in hand and exits 0) once the test has seen what it waits for. Tests
/// wait for samples this way instead of counting them in a fixed `--duration` on the real clock: on a
/// loaded CI machine one sample of a JIT-compiled monitor took over 3 s.
/// </summary>
internal sealed class StreamedMonitor : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _error;
    private readonly BlockingCollection<JsonElement> _incoming = [];
    private readonly List<JsonElement> _lines = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _reader;

    /// <summary>Starts <paramref name="file"/> with <paramref name="args"/> (the monitor, or `ip netns exec` of it, which execs it in place).</summary>
    public StreamedMonitor(string file, params string[] args)
    {
        _process = Process.Start(new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _error = _process.StandardError.ReadToEndAsync();
        _reader = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    while (_process.StandardOutput.ReadLine() is { } line)
                    {
                        _incoming.Add(JsonDocument.Parse(line).RootElement.Clone());
                    }
                }
                finally
                {
                    _incoming.CompleteAdding();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <summary>The monitor's process id (`ip netns exec` execs it in place: the same process).</summary>
    public int Pid => _process.Id;

    /// <summary>The samples read so far.</summary>
    public IReadOnlyList<JsonElement> Lines => _lines;

    /// <summary>How long the monitor ran (until it exited, once it has).</summary>
    public TimeSpan Ran { get; private set; }

    /// <summary>Reads samples until <paramref name="done"/> holds of all read so far; false when the output ended or <paramref name="timeout"/> passed first.</summary>
    public bool ReadUntil(Func<IReadOnlyList<JsonElement>, bool> done, TimeSpan timeout)
    {
        var deadline = _clock.Elapsed + timeout;
        while (!done(_lines))
        {
            var left = deadline - _clock.Elapsed;
            if (left <= TimeSpan.Zero || !_incoming.TryTake(out var line, left))
            {
                return false;
            }

            _lines.Add(line);
        }

        return true;
    }

    /// <summary>SIGTERM, then the rest of the output; the exit code and standard error.</summary>
    public (int Code, string Error) Stop()
    {
        if (!_process.HasExited)
        {
            LabProcess.RunTool("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
        }

        if (!_process.WaitForExit(60_000))
        {
            throw new TimeoutException($"the monitor (pid {_process.Id}) did not exit within 60 s of SIGTERM");
        }

        Ran = _clock.Elapsed;
        _reader.Wait(TestContext.Current.CancellationToken);
        _lines.AddRange(_incoming.GetConsumingEnumerable());
        return (_process.ExitCode, _error.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _reader.Wait(TimeSpan.FromSeconds(10));
        _process.Dispose();
        _incoming.Dispose();
    }
}
