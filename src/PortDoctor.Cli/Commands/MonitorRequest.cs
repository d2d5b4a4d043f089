using System.Net;
using PortDoctor.Cli.Output;
using PortDoctor.Core;
using PortDoctor.History;
using PortDoctor.Monitoring;

namespace PortDoctor.Cli.Commands;

/// <summary>`monitor`'s options, validated: bad values are usage errors naming the option.</summary>
internal sealed record MonitorRequest(TimeSpan Interval, string Path, TimeSpan Keep, TimeSpan? Duration, bool Quiet, OutputFormat Format)
{
    /// <summary>Where `--metrics` serves /metrics; null without the option.</summary>
    public IPEndPoint? Metrics { get; init; }

    /// <summary>The forecast's shortest window (`--forecast-window`).</summary>
    public TimeSpan ForecastWindow { get; init; } = TimeSpan.FromMinutes(30);

    public static TimeSpan ParseForecastWindow(string text)
    {
        var window = DurationText.Parse("--forecast-window", text);
        return window >= TimeSpan.FromSeconds(10) && window <= TimeSpan.FromHours(24)
            ? window
            : throw new PortDoctorException($"--forecast-window '{text}' is outside 10s to 24h", ExitCode.Usage);
    }

    public static MonitorRequest Parse(CliEnvironment env, string interval, string? db, string keep, string? duration, bool quiet, string format)
    {
        var every = DurationText.Parse("--interval", interval);
        if (every < SamplerOptions.MinInterval || every > SamplerOptions.MaxInterval)
        {
            throw new PortDoctorException($"--interval '{interval}' is outside 1s to 1h", ExitCode.Usage);
        }

        var outputFormat = OutputWriters.ParseFormat(format);
        if (outputFormat == OutputFormat.Csv)
        {
            throw new PortDoctorException("monitor --format is table or json (history --format csv gives CSV)", ExitCode.Usage);
        }

        return new MonitorRequest(
            every,
            HistoryFile.Resolve(env, db),
            DurationText.Parse("--keep", keep),
            duration is null ? null : DurationText.Parse("--duration", duration),
            quiet,
            outputFormat);
    }

    /// <summary>--keep is how long raw samples stay; the rollups stay at least as long.</summary>
    public HistoryOptions HistoryOptions()
    {
        var defaults = RetentionPolicy.Default;
        var minute = Keep > defaults.Minute ? Keep : defaults.Minute;
        return new HistoryOptions
        {
            Retention = defaults with { Raw = Keep, Minute = minute, Hour = minute > defaults.Hour ? minute : defaults.Hour },
        };
    }
}
