using System.CommandLine;
using PortDoctor.Cli.Output;
using PortDoctor.Cli.Output.Connections;
using PortDoctor.Core.Connections;
using PortDoctor.Core.Sources;
using PortDoctor.Platform;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `portdoctor connections`: the guide's netstat -anob / -anobq and
/// Get-NetTCPConnection | Group-Object State,OwningProcess in one verb.
/// </summary>
internal static class ConnectionsCommand
{
    public static Command Create(CliEnvironment env)
    {
        var state = ListOption("--state", "Only these states (any spelling: TIME_WAIT, time-wait, TimeWait, ESTAB; BOUND, UNCONN).");
        var pid = ListOption("--pid", "Only sockets owned by these process ids.");
        var process = ListOption("--process", "Only sockets owned by processes with these names (comm on Linux, image name on Windows).");
        var port = ListOption("--port", "Only sockets whose local or remote port is one of these (443 or 30000-40000).");
        var local = ListOption("--local", "Only sockets whose local endpoint matches: ADDRESS, ADDRESS:PORT, :PORT or [IPv6]:PORT.");
        var remote = ListOption("--remote", "Only sockets whose remote endpoint matches, same forms as --local.");
        var protocol = new Option<string?>("--protocol") { Description = "tcp or udp (default: both)." };
        var ephemeral = new Option<bool>("--ephemeral") { Description = "Only sockets whose local port is inside the dynamic (ephemeral) range." };
        var groupBy = ListOption("--group-by", "Count sockets per key, largest first: any of state,process,pid,remote,remote-ip,local-ip.");
        var format = OutputWriters.CreateFormatOption();
        var from = EvidenceInput.CreateFromOption();
        var inputFormat = EvidenceInput.CreateFormatOption();

        var command = new Command("connections", "List TCP and UDP sockets with their owners; filter, group and count them.")
        {
            state, pid, process, port, local, remote, protocol, ephemeral, groupBy, format, from, inputFormat,
        };
        var namespaces = new NamespaceOptions(withPid: false);
        namespaces.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            var outputFormat = OutputWriters.ParseFormat(parse.GetValue(format) ?? "table");
            var protocolValue = ConnectionsArguments.ParseProtocol(parse.GetValue(protocol));
            var filter = new ConnectionFilter
            {
                States = ConnectionsArguments.ParseStates(parse.GetValue(state)),
                Pids = ConnectionsArguments.ParsePids(parse.GetValue(pid)),
                ProcessNames = [.. ConnectionsArguments.SplitList(parse.GetValue(process))],
                Ports = ConnectionsArguments.ParsePorts(parse.GetValue(port)),
                Local = ConnectionsArguments.ParseEndpoints("--local", parse.GetValue(local)),
                Remote = ConnectionsArguments.ParseEndpoints("--remote", parse.GetValue(remote)),
                Protocol = protocolValue,
                EphemeralOnly = parse.GetValue(ephemeral),
            };
            var keys = ConnectionsArguments.ParseGroupKeys(parse.GetValue(groupBy));

            var files = parse.GetValue(from) ?? [];
            var offline = files.Length > 0;
            using var ns = offline ? null : namespaces.Open(parse, env);
            ISnapshotSource source = offline
                ? EvidenceInput.Source(env, files, parse.GetValue(inputFormat))
                : new LiveSource(env.Host, new LiveSourceOptions
                {
                    Collect = new CollectOptions { IncludeUdp = protocolValue != Core.Model.TransportProtocol.Tcp, ProcessDetails = false },
                    KernelEvidence = false,
                    Probe = false,
                    Namespace = ns,
                });
            var observed = source.Observe(cancel).Snapshot;
            var sockets = filter.Apply(observed).ToList();
            var counted = filter.ApplyCounts(observed).ToList();
            var snapshot = observed with { Notes = [.. observed.Notes, .. ConnectionsOwnerNotes.For(sockets)] };
            var writer = OutputWriters.Create(outputFormat, env);
            if (keys.Count > 0)
            {
                writer.Write(ConnectionsView.Groups(snapshot, keys, SocketGrouping.Group(sockets, keys, counted), outputFormat));
            }
            else
            {
                writer.Write(ConnectionsView.Sockets(snapshot, sockets, counted, outputFormat));
            }

            OutputWriters.WriteNotes(env, snapshot.Notes);
            return Task.FromResult(offline ? 0 : OutputWriters.ReportPermissionProblem(env, snapshot));
        });
        return command;
    }

    private static Option<string[]> ListOption(string name, string description) => new(name)
    {
        Description = description + " Repeat the option or separate values with commas.",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.OneOrMore,
    };
}
