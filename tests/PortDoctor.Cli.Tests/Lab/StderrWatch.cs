using System.Diagnostics;
using System.Text;

namespace PortDoctor.Cli.Tests.Lab;

/// <summary>Reads a running lab's stderr as it comes (so the pipe never fills) and notices when it holds.</summary>
internal sealed class StderrWatch
{
    private readonly StringBuilder _text = new();
    private readonly TaskCompletionSource<bool> _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StderrWatch(Process process) => _ = Task.Run(() => Read(process));

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>True once the lab says it is holding (diagnose has run), false if it ended or a minute passed first.</summary>
    public async Task<bool> HoldingAsync() =>
        await Task.WhenAny(_holding.Task, Task.Delay(TimeSpan.FromSeconds(60))) == _holding.Task && _holding.Task.Result;

    private void Read(Process process)
    {
        while (process.StandardError.ReadLine() is { } line)
        {
            lock (_text)
            {
                _text.AppendLine(line);
            }

            if (line.StartsWith("lab: holding", StringComparison.Ordinal))
            {
                _holding.TrySetResult(true);
            }
        }

        _holding.TrySetResult(false);
    }
}
