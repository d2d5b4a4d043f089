using System.CommandLine;
using System.Globalization;
using PortDoctor.Core;
using PortDoctor.Platform;
using PortDoctor.Platform.Ranges;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `--netns NAME|PATH` and `--pid PID`: read inside another network namespace (Linux). The verb's socket
/// and sysctl reads run on a thread that entered it; owners are still found host-wide.
/// </summary>
internal sealed class NamespaceOptions
{
    private readonly Option<string?> _netns = new("--netns")
    {
        Description = "Read inside this network namespace: a name under /run/netns (ip netns list) or an nsfs path such as /proc/PID/ns/net (Linux, root).",
    };

    private readonly Option<int?>? _pid;

    /// <param name="withPid">Also `--pid PID` (the namespace of that process); `connections` uses --pid as a filter already.</param>
    public NamespaceOptions(bool withPid)
    {
        if (withPid)
        {
            _pid = new Option<int?>("--pid") { Description = "Read inside the network namespace of this process (Linux, root)." };
        }
    }

    public Option<string?> NetnsOption => _netns;

    public Option<int?>? PidOption => _pid;

    public void AddTo(Command command)
    {
        command.Options.Add(_netns);
        if (_pid is not null)
        {
            command.Options.Add(_pid);
        }
    }

    /// <summary>The namespace asked for, opened; null when none was. The caller disposes it.</summary>
    public INetworkNamespace? Open(ParseResult parse, CliEnvironment env)
    {
        var netns = parse.GetValue(_netns);
        var pid = _pid is null ? null : parse.GetValue(_pid);
        if (netns is not null && pid is not null)
        {
            throw new PortDoctorException("give either --netns or --pid, not both", ExitCode.Usage);
        }

        if (pid is <= 0)
        {
            throw new PortDoctorException(string.Create(CultureInfo.InvariantCulture, $"--pid: {pid} is not a process id"), ExitCode.Usage);
        }

        var target = pid is { } p ? string.Create(CultureInfo.InvariantCulture, $"/proc/{p}/ns/net") : netns;
        return target is null ? null : env.Host.OpenNetworkNamespace(target);
    }

    /// <summary>
    /// Where `range set`/`rollback` keep the backup: each namespace has its own range, so without --state-dir
    /// its backup goes to a folder of its own (netns-INODE), and a rollback with the same --netns finds it.
    /// </summary>
    public static string StateDirectory(string? option, string platformDefault, INetworkNamespace? ns)
    {
        var directory = RangeStateLocations.StateDirectory(option, platformDefault);
        return ns is null || option is not null
            ? directory
            : Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"netns-{ns.Info.Inode}"));
    }

    /// <summary>Runs <paramref name="work"/> inside <paramref name="ns"/>, or here when null.</summary>
    public static T Run<T>(INetworkNamespace? ns, Func<T> work) => ns is null ? work() : ns.Run(work);
}
