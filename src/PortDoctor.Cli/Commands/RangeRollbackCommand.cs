using System.CommandLine;
using System.Globalization;
using PortDoctor.Core;
using PortDoctor.Platform;
using PortDoctor.Platform.Ranges;

namespace PortDoctor.Cli.Commands;

/// <summary>`portdoctor range rollback`: puts back what the first `range set --yes` replaced.</summary>
internal static class RangeRollbackCommand
{
    public static Command Create(CliEnvironment env)
    {
        var yes = new Option<bool>("--yes") { Description = "apply; without it only the plan and the exact commands are printed" };
        var stateDir = new Option<string?>("--state-dir") { Description = $"where `range set` kept its backup (or ${RangeStateLocations.StateDirVariable})" };
        var command = new Command("rollback", "Restore the port range (and sysctl.d file) saved by `range set --yes`.") { yes, stateDir };
        var namespaces = new NamespaceOptions(withPid: true);
        namespaces.AddTo(command);
        command.SetAction(parse =>
        {
            using var ns = namespaces.Open(parse, env);
            var store = new RangeBackupStore(NamespaceOptions.StateDirectory(parse.GetValue(stateDir), env.Host.StateDirectory, ns));
            return NamespaceOptions.Run(ns, () => Restore(env, store, parse.GetValue(yes)));
        });
        return command;
    }

    private static int Restore(CliEnvironment env, RangeBackupStore store, bool yes)
    {
        var setter = env.Host.CreateRangeSetter();
        var change = new RangeChange(setter, store, env.Time);
        void Describe(RangeBackup backup)
        {
            env.Out.WriteLine($"Plan: restore the range(s) saved on {backup.Time.ToString("u", CultureInfo.InvariantCulture)}:");
            foreach (var line in setter.DescribeRestore(backup))
            {
                env.Out.WriteLine($"  {line}");
            }
        }

        if (!yes)
        {
            Describe(change.LoadForRollback());
            env.Out.WriteLine("Nothing changed: add --yes to apply.");
            return 0;
        }

        // Read, shown and restored under the state lock; temp files of a killed set are swept even
        // when there is no backup to restore.
        change.Rollback(Describe);
        env.Out.WriteLine($"Restored. Removed the backup {store.FilePath}.");
        return 0;
    }
}
