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
            "PortDoctor: diagnoses, records history of and watches (monitor), and relieves TCP/UDP ephemeral port exhaustion on Linux and Windows.");
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

        // `[suggest:N] "line"` (the completion scripts) parses the line itself: its outer parse has no verb.
        var suggesting = root.Directives.OfType<System.CommandLine.Completions.SuggestDirective>().Any(d => parse.GetResult(d) is not null);
        if (parse.Errors.Count > 0 && !suggesting)
        {
            // One line for the first problem, then where to look: no wall of help text.
            env.Error.WriteLine($"portdoctor: {UsageErrors.Describe(parse)}");
            env.Error.WriteLine($"Try '{CommandPath(parse)} --help'.");
            return (int)ExitCode.Usage;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(env.Stop);
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
        catch (IOException ex) when (StorageFault.Describe(ex) is { } condition)
        {
            env.Error.WriteLine($"portdoctor: {condition}");
            return (int)ExitCode.Unavailable;
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
            // One line; the stack trace only when asked for (then it is the whole ex.ToString()).
            var debug = Environment.GetEnvironmentVariable("PORTDOCTOR_DEBUG") == "1";
            env.Error.WriteLine(debug
                ? $"portdoctor: internal error: {ex}"
                : $"portdoctor: internal error: {ex.GetType().Name}: {OneLine(ex.Message)} (set PORTDOCTOR_DEBUG=1 for the stack trace)");

            return (int)ExitCode.Internal;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

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
