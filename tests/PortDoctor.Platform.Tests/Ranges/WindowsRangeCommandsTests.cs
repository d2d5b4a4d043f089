using PortDoctor.Core.Model;
using PortDoctor.Platform.Ranges;
using Xunit;

namespace PortDoctor.Platform.Tests.Ranges;

/// <summary>The exact netsh argument lists `range set` and `range rollback` run on Windows.</summary>
public class WindowsRangeCommandsTests
{
    private static readonly DynamicPortRange[] Current =
    [
        new(TransportProtocol.Tcp, IpFamily.IPv4, new PortRange(49152, 16384)),
        new(TransportProtocol.Udp, IpFamily.IPv6, new PortRange(50000, 1000)),
    ];

    [Fact]
    public void Set_runs_one_netsh_per_target_as_an_argument_list()
    {
        var plan = new RangeSetPlan(Current, new PortRange(10000, 1000));

        var commands = WindowsRangeCommands.ForSet(plan);

        Assert.Equal(2, commands.Count);
        Assert.Equal(["int", "ipv4", "set", "dynamicport", "tcp", "start=10000", "num=1000"], commands[0]);
        Assert.Equal(["int", "ipv6", "set", "dynamicport", "udp", "start=10000", "num=1000"], commands[1]);
    }

    [Fact]
    public void Rollback_sets_each_target_back_to_what_it_was()
    {
        var backup = WindowsRangeCommands.ToBackup(new RangeSetPlan(Current, new PortRange(10000, 1000)), DateTimeOffset.UnixEpoch, "host");

        var commands = WindowsRangeCommands.ForRestore(backup);

        Assert.Equal(["int", "ipv4", "set", "dynamicport", "tcp", "start=49152", "num=16384"], commands[0]);
        Assert.Equal(["int", "ipv6", "set", "dynamicport", "udp", "start=50000", "num=1000"], commands[1]);
        Assert.Equal(Current, WindowsRangeCommands.ToRanges(backup));
        Assert.Throws<PortDoctor.Core.PortDoctorException>(() => WindowsRangeCommands.ForRestore(backup with { Os = "linux" }));
    }

    [Fact]
    public void The_backup_survives_a_round_trip_through_its_file()
    {
        var dir = Directory.CreateTempSubdirectory("pdw-backup-").FullName;
        try
        {
            var store = new RangeBackupStore(dir);
            var backup = WindowsRangeCommands.ToBackup(new RangeSetPlan(Current, new PortRange(10000, 1000)), DateTimeOffset.UnixEpoch, "host") with
            {
                PersistFile = "/etc/sysctl.d/60-portdoctor-port-range.conf",
                PersistPrevious = "a = b\n",
            };
            store.Save(backup);

            var loaded = store.Load();

            Assert.NotNull(loaded);
            Assert.Equal(backup.Ranges, loaded.Ranges);
            Assert.Equal(backup.PersistPrevious, loaded.PersistPrevious);
            File.WriteAllText(store.FilePath, "{ not json");
            var ex = Assert.Throws<PortDoctor.Core.PortDoctorException>(store.Load);
            Assert.StartsWith(store.FilePath + ":1: not a PortDoctor range backup", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
