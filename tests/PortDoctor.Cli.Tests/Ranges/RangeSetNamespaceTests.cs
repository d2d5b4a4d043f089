using Xunit;

namespace PortDoctor.Cli.Tests.Ranges;

/// <summary>
/// `range set` and `range rollback` for real: the built binary writes ip_local_port_range of a
/// network namespace made for the test (the host's range is never touched).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RangeSetNamespaceTests : RangeNamespaceTest
{
    [Fact]
    public void Set_with_persist_then_rollback_restores_everything_exactly()
    {
        using var ns = CreateOrSkip();
        var before = ns.ReadSysctl(Key);
        var persistFile = Path.Combine(SysctlDir, "60-portdoctor-port-range.conf");

        var set = ns.PortDoctor("range", "set", "--start", "10000", "--count", "55536", "--yes", "--persist",
            "--state-dir", StateDir, "--sysctl-dir", SysctlDir);

        Assert.True(set.Code == 0, set.Error);
        Assert.Equal("10000\t65535", ns.ReadSysctl(Key));
        Assert.Contains("net.ipv4.ip_local_port_range = 10000 65535", File.ReadAllText(persistFile), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(StateDir, "range-backup.json")));
        Assert.Contains("only delays the recurrence", set.Out, StringComparison.Ordinal);

        var rollback = ns.PortDoctor("range", "rollback", "--yes", "--state-dir", StateDir);

        Assert.True(rollback.Code == 0, rollback.Error);
        Assert.Equal(before, ns.ReadSysctl(Key));
        Assert.False(File.Exists(persistFile));
        Assert.False(File.Exists(Path.Combine(StateDir, "range-backup.json")));
    }

    [Fact]
    public void Rollback_goes_back_to_before_the_first_set_and_restores_an_existing_persist_file()
    {
        using var ns = CreateOrSkip();
        ns.WriteSysctl(Key, "30000 39999");
        var persistFile = Path.Combine(SysctlDir, "60-portdoctor-port-range.conf");
        File.WriteAllText(persistFile, "# hand-written\nnet.ipv4.ip_local_port_range = 30000 39999\n");

        Assert.Equal(0, ns.PortDoctor("range", "set", "--start", "20000", "--count", "5000", "--allow-shrink", "--yes", "--persist", "--state-dir", StateDir, "--sysctl-dir", SysctlDir).Code);
        var second = ns.PortDoctor("range", "set", "--default", "--yes", "--state-dir", StateDir);
        Assert.Equal(0, second.Code);
        Assert.Equal("32768\t60999", ns.ReadSysctl(Key)); // Linux's default, not Windows' 49152-65535
        Assert.Contains("Kept the earlier backup", second.Out, StringComparison.Ordinal);

        Assert.Equal(0, ns.PortDoctor("range", "rollback", "--yes", "--state-dir", StateDir).Code);

        Assert.Equal("30000\t39999", ns.ReadSysctl(Key));
        Assert.Equal("# hand-written\nnet.ipv4.ip_local_port_range = 30000 39999\n", File.ReadAllText(persistFile));
    }

    [Fact]
    public void A_persist_file_written_by_a_later_set_is_removed_by_the_rollback()
    {
        using var ns = CreateOrSkip();
        var before = ns.ReadSysctl(Key);
        var persistFile = Path.Combine(SysctlDir, "60-portdoctor-port-range.conf");

        Assert.Equal(0, ns.PortDoctor("range", "set", "--start", "20000", "--count", "1000", "--allow-shrink", "--yes", "--state-dir", StateDir).Code);
        Assert.Equal(0, ns.PortDoctor("range", "set", "--start", "22000", "--count", "1000", "--yes", "--persist", "--state-dir", StateDir, "--sysctl-dir", SysctlDir).Code);
        Assert.True(File.Exists(persistFile));

        Assert.Equal(0, ns.PortDoctor("range", "rollback", "--yes", "--state-dir", StateDir).Code);

        Assert.Equal(before, ns.ReadSysctl(Key));
        Assert.False(File.Exists(persistFile));
    }

    [Fact]
    public void Without_yes_only_the_plan_is_printed()
    {
        using var ns = CreateOrSkip();
        var before = ns.ReadSysctl(Key);

        var plan = ns.PortDoctor("range", "set", "--legacy", "--persist", "--state-dir", StateDir, "--sysctl-dir", SysctlDir);

        Assert.Equal(0, plan.Code);
        Assert.Contains("write \"1025 5000\" to /proc/sys/net/ipv4/ip_local_port_range", plan.Out, StringComparison.Ordinal);
        Assert.Contains("Nothing changed: add --yes", plan.Out, StringComparison.Ordinal);
        Assert.Equal(before, ns.ReadSysctl(Key));
        Assert.Empty(Directory.GetFiles(SysctlDir));
        Assert.False(Directory.Exists(StateDir));
    }

    [Fact]
    public void Without_privilege_one_line_exit_77_and_nothing_changes()
    {
        using var ns = CreateOrSkip();
        var before = ns.ReadSysctl(Key);
        Directory.CreateDirectory(StateDir);
        File.SetUnixFileMode(Temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute | UnixFileMode.OtherRead);

        var result = ns.PortDoctorAsNobody("range", "set", "--start", "20000", "--count", "1000", "--allow-shrink", "--yes", "--persist",
            "--state-dir", StateDir, "--sysctl-dir", SysctlDir);

        Assert.Equal(77, result.Code);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("needs root or CAP_NET_ADMIN", line, StringComparison.Ordinal);
        Assert.Equal(before, ns.ReadSysctl(Key));
        Assert.Empty(Directory.GetFiles(SysctlDir));
        Assert.Empty(Directory.GetFiles(StateDir));
    }

    [Fact]
    public void Rollback_without_privilege_is_one_line_exit_77_and_keeps_the_backup()
    {
        using var ns = CreateOrSkip();
        Assert.Equal(0, ns.PortDoctor("range", "set", "--start", "20000", "--count", "1000", "--allow-shrink", "--yes", "--state-dir", StateDir).Code);
        File.SetUnixFileMode(Temp, (UnixFileMode)0b111_101_101); // nobody may read the backup, not write the range

        var result = ns.PortDoctorAsNobody("range", "rollback", "--yes", "--state-dir", StateDir);

        Assert.Equal(77, result.Code);
        Assert.Contains("needs root or CAP_NET_ADMIN", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal("20000\t20999", ns.ReadSysctl(Key));
        Assert.True(File.Exists(Path.Combine(StateDir, "range-backup.json")));
    }

    [Fact]
    public void A_read_only_proc_sys_is_one_line_exit_77_and_nothing_changes()
    {
        using var ns = CreateOrSkip();
        var before = ns.ReadSysctl(Key);

        // As in an unprivileged container: /proc/sys read-only in a private mount namespace.
        var result = ns.Exec("unshare", "-m", "sh", "-c",
            "mount --bind /proc/sys /proc/sys && mount -o remount,bind,ro /proc/sys && exec \"$@\"", "sh",
            BuiltCli.Path, "range", "set", "--start", "20000", "--count", "1000", "--allow-shrink", "--yes", "--state-dir", StateDir);

        Assert.Equal(77, result.Code);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Read-only file system", line, StringComparison.Ordinal);
        Assert.Equal(before, ns.ReadSysctl(Key));
        Assert.False(Directory.Exists(StateDir));
    }

    [Theory]
    [InlineData("1000", "1000", "start 1000 is below 1025")]
    [InlineData("20000", "254", "count 254 is below 255")]
    [InlineData("65000", "1000", "ends at 65999, above 65535")]
    public void Each_rule_refuses_and_changes_nothing(string start, string count, string message)
    {
        using var ns = CreateOrSkip();
        var before = ns.ReadSysctl(Key);

        var result = ns.PortDoctor("range", "set", "--start", start, "--count", count, "--yes", "--state-dir", StateDir);

        Assert.Equal(64, result.Code);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, ns.ReadSysctl(Key));
        Assert.False(Directory.Exists(StateDir));
    }

    [Fact]
    public void A_start_below_the_namespaces_unprivileged_port_start_is_refused()
    {
        using var ns = CreateOrSkip();
        ns.WriteSysctl("net.ipv4.ip_unprivileged_port_start", "4096");
        var before = ns.ReadSysctl(Key);

        var result = ns.PortDoctor("range", "set", "--start", "2000", "--count", "1000", "--yes", "--state-dir", StateDir);

        Assert.Equal(64, result.Code);
        Assert.Contains("below ip_unprivileged_port_start 4096", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, ns.ReadSysctl(Key));
    }

    [Fact]
    public void Protocol_and_family_are_told_that_linux_has_one_range()
    {
        using var ns = CreateOrSkip();
        var before = ns.ReadSysctl(Key);

        var result = ns.PortDoctor("range", "set", "--start", "20000", "--count", "1000", "--protocol", "udp", "--family", "ipv6", "--state-dir", StateDir);

        Assert.Equal(0, result.Code);
        Assert.Contains("Linux has one ephemeral range (net.ipv4.ip_local_port_range) for TCP and UDP, IPv4 and IPv6", result.Out, StringComparison.Ordinal);
        Assert.Equal(before, ns.ReadSysctl(Key));
    }
}
