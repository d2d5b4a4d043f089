using System.CommandLine;
using System.Globalization;
using PortDoctor.Evidence;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// The `--from FILE...` and `--input-format NAME` options any verb can take to work from captured
/// evidence instead of the live machine, and the loading that goes with them: a progress line on
/// stderr when it is a terminal, then what each file contributed and what it could not tell.
/// </summary>
internal static class EvidenceInput
{
    public static Option<string[]> CreateFromOption()
    {
        var from = new Option<string[]>("--from")
        {
            Description = "Read captured evidence instead of this machine: netstat (Windows/Linux, any language), ss, lsof, " +
                "/proc/net/tcp, Get-NetTCPConnection (table/list/CSV/JSON/Group-Object), Get-Process, tasklist, netsh " +
                "dynamicport/excludedportrange, Tcpip 4227/4231 event exports, the guide's periodic log; also gzipped or in a zip. " +
                "'-' reads standard input.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        from.Validators.Add(RejectSince);
        return from;
    }

    /// <summary>
    /// --since windows this machine's event log; files keep every event they hold, so taking it
    /// silently with --from would claim a filter that is not applied.
    /// </summary>
    private static void RejectSince(System.CommandLine.Parsing.OptionResult from)
    {
        if (from.Parent is System.CommandLine.Parsing.CommandResult command &&
            command.Children.OfType<System.CommandLine.Parsing.OptionResult>().Any(o => o.Option.Name == "--since" && !o.Implicit))
        {
            from.AddError("--since reads this machine's event log and cannot be combined with --from (every event in the files is used)");
        }
    }

    public static Option<string?> CreateFormatOption() => new("--input-format")
    {
        Description = "Skip detection and read every --from file as this format: " +
            string.Join(", ", EvidenceFormats.All.Select(f => f.Name)) + ".",
    };

    /// <summary>The files (or standard input, '-') as a source; they are read when it is observed.</summary>
    public static EvidenceSource Source(CliEnvironment env, IReadOnlyList<string> files, string? format) =>
        new(cancel => Load(env, files, format, cancel));

    private static EvidenceSet Load(CliEnvironment env, IReadOnlyList<string> files, string? format, CancellationToken cancel)
    {
        var progress = new ProgressLine(env);
        var options = new EvidenceReadOptions
        {
            Format = format,
            OnProgress = env.ErrorIsTerminal ? progress.Report : null,
            OpenStandardInput = Console.OpenStandardInput,
            Time = env.Time,
        };
        try
        {
            // No sockets is no verdict: every verb that reads files refuses here, in one place.
            var evidence = EvidenceReader.Read(files, options, cancel);
            evidence.RequireSockets();
            return evidence;
        }
        finally
        {
            progress.Clear();
        }
    }

    /// <summary>"reading evidence: 42% (420 of 1000 MB)", redrawn at most every 200 ms.</summary>
    private sealed class ProgressLine(CliEnvironment env)
    {
        private long _lastDraw;
        private bool _drawn;

        public void Report(long done, long total)
        {
            var now = env.Time.GetTimestamp();
            if (total <= 0 || env.Time.GetElapsedTime(_lastDraw, now) < TimeSpan.FromMilliseconds(200))
            {
                return;
            }

            _lastDraw = now;
            _drawn = true;
            env.Error.Write(string.Create(CultureInfo.InvariantCulture,
                $"\rreading evidence: {100.0 * done / total,3:F0}% ({done / 1_000_000} of {total / 1_000_000} MB)"));
        }

        public void Clear()
        {
            if (_drawn)
            {
                env.Error.Write("\r" + new string(' ', 60) + "\r");
            }
        }
    }
}
