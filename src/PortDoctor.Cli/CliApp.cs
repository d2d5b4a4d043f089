using System.CommandLine;
using PortDoctor.Cli.Commands;
using PortDoctor.Core;

namespace PortDoctor.Cli;

/// <summary>Builds the command tree and applies one error policy to every verb.</summary>
internal static class CliApp
{
    public static RootCommand CreateRoot(CliEnvironment env)
    {
        var root = new RootCommand(
            "PortDoctor: diagnoses, monitors and relieves TCP/UDP ephemeral port exhaustion on Linux and Windows.");
        foreach (var command in CommandCatalog.Create(env))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static int Run(string[] args, CliEnvironment env)
    {
        var root = CreateRoot(env);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line per problem, then where to look: no wall of help text.
            foreach (var error in parse.Errors)
            {
                env.Error.WriteLine($"portdoctor: {error.Message}");
            }

            env.Error.WriteLine($"Try '{CommandPath(parse)} --help'.");
            return (int)ExitCode.Usage;
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM,
            ctx =>
            {
                ctx.Cancel = true;
                cancel.Cancel();
            });
        try
        {
            var config = new InvocationConfiguration { Output = env.Out, Error = env.Error, EnableDefaultExceptionHandler = false };
            return parse.InvokeAsync(config, cancel.Token).GetAwaiter().GetResult();
        }
        catch (PortDoctorException ex)
        {
            env.Error.WriteLine($"portdoctor: {ex.Message}");
            return (int)ex.Code;
        }
        catch (OperationCanceledException)
        {
            env.Error.WriteLine("portdoctor: cancelled");
            return (int)ExitCode.Cancelled;
        }
        catch (UnauthorizedAccessException ex)
        {
            env.Error.WriteLine($"portdoctor: permission denied: {ex.Message}");
            return (int)ExitCode.NoPermission;
        }
#pragma warning disable CA1031 // The last line of defence: a bug must still give one line, not a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            env.Error.WriteLine($"portdoctor: internal error: {ex.GetType().Name}: {ex.Message}");
            if (Environment.GetEnvironmentVariable("PORTDOCTOR_DEBUG") == "1")
            {
                env.Error.WriteLine(ex.ToString());
            }
            else
            {
                env.Error.WriteLine("Set PORTDOCTOR_DEBUG=1 for details, and please report it.");
            }

            return (int)ExitCode.Internal;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "portdoctor" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
