using PortDoctor.Platform;
using Spectre.Console;

namespace PortDoctor.Cli;

/// <summary>
/// What a command handler may touch: its writers, the clock, and the host platform.
/// Tests build one over StringWriters; handlers never use the static Console.
/// </summary>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, bool OutIsTerminal, bool ErrorIsTerminal)
{
    private const int RedirectedWidth = 512;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Standard input; the lab's child processes stop when it closes.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>The machine we run on, chosen once at start; tests give a fake host.</summary>
    public IHostPlatform Host { get; init; } = HostPlatform.Create();

    /// <summary>Reads an environment variable (NOTIFY_SOCKET for the monitor); tests give their own.</summary>
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The history file used when no --db is given; null: the platform's default (HistoryPaths). Tests point it at their own.</summary>
    public string? DefaultHistory { get; init; }

    /// <summary>Cancels the run as SIGTERM or Ctrl+C does; tests stop an in-process monitor with it.</summary>
    public CancellationToken Stop { get; init; }

    /// <summary>
    /// The byte stream behind <see cref="Out"/> when there is one (the real stdout): big JSON goes
    /// straight to it as UTF-8 instead of through a string. Null in tests, which capture Out.
    /// </summary>
    public Stream? RawOut { get; init; }

    /// <summary>A Spectre console over <see cref="Out"/>: colours only on a terminal.</summary>
    public IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = OutIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = OutIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = OutIsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!OutIsTerminal)
        {
            // A file or pipe has no width: never truncate or wrap cells to a guessed 80 columns.
            console.Profile.Width = RedirectedWidth;

            // Tables then draw their safe (ASCII) borders: no box-drawing characters in files.
            console.Profile.Capabilities.Unicode = false;
        }

        return console;
    }

    public static CliEnvironment FromProcess() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected)
        {
            RawOut = Console.OpenStandardOutput(),
            In = Console.In,
        };
}
