using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Cli.Tests.Ranges;

/// <summary>
/// `range set`/`rollback` where they used to go wrong: shrinking plans, odd counts, damaged or
/// foreign backups, read-only or full state dirs. Each runs the built binary in its own namespace.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(SlowFirst.Prefix + "range safety in a namespace")]
public sealed class RangeSafetyNamespaceTests : RangeNamespaceTest
{
    [Fact]
    public void A_shrinking_plan_says_so_first_and_needs_allow_shrink()
    {
        using var ns = CreateOrSkip();
        ns.WriteSysctl(Key, "32768 60999");

        var refused = ns.PortDoctor("range", "set", "--start", "40000", "--count", "1000", "--yes", "--state-dir", StateDir);

        Assert.Equal(64, refused.Code);
        Assert.StartsWith("Warning: this plan shrinks the dynamic port range from 28232 to 1000 ports", refused.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("only delays the recurrence", refused.Out, StringComparison.Ordinal);
        Assert.Contains("--allow-shrink", OneLine(refused.Error), StringComparison.Ordinal);
        Assert.Equal("32768\t60999", ns.ReadSysctl(Key));
        Assert.False(File.Exists(BackupFile));

        var applied = ns.PortDoctor("range", "set", "--start", "40000", "--count", "1000", "--allow-shrink", "--yes", "--state-dir", StateDir);

        Assert.True(applied.Code == 0, applied.Error);
        Assert.Equal("40000\t40999", ns.ReadSysctl(Key));
    }

    [Fact]
    public void An_odd_count_on_linux_is_a_warning_and_is_applied()
    {
        using var ns = CreateOrSkip();

        var result = ns.PortDoctor("range", "set", "--start", "20000", "--count", "255", "--allow-shrink", "--yes", "--state-dir", StateDir);

        Assert.True(result.Code == 0, result.Error);
        Assert.Contains("warning: start 20000 and end 20254 have the same parity", result.Error, StringComparison.Ordinal);
        Assert.Equal("20000\t20254", ns.ReadSysctl(Key));
    }

    [Theory]
    [InlineData("\"ranges\": [", "\"ranges\": null, \"x\": [", "ranges")]
    [InlineData("\"start\": 32768", "\"start\": 0", "start")]
    [InlineData("\"start\": 32768", "\"start\": 70000", "start")]
    [InlineData("\"count\": 28232", "\"count\": -5", "count")]
    [InlineData("\"os\": \"linux\"", "\"os\": \"plan9\"", "os")]
    public void A_damaged_backup_is_refused_with_its_place_and_set_does_not_go_ahead(string find, string replace, string field)
    {
        using var ns = CreateOrSkip();
        ns.WriteSysctl(Key, "32768 60999");
        Assert.Equal(0, ns.PortDoctor("range", "set", "--start", "10000", "--count", "55536", "--yes", "--state-dir", StateDir).Code);
        var damaged = File.ReadAllText(BackupFile);
        Assert.Contains(find, damaged, StringComparison.Ordinal);
        damaged = damaged.Replace(find, replace, StringComparison.Ordinal);
        File.WriteAllText(BackupFile, damaged);

        var rollback = ns.PortDoctor("range", "rollback", "--yes", "--state-dir", StateDir);
        var set = ns.PortDoctor("range", "set", "--default", "--allow-shrink", "--yes", "--state-dir", StateDir);

        foreach (var result in new[] { rollback, set })
        {
            Assert.Equal(65, result.Code);
            var line = OneLine(result.Error);
            Assert.Contains(BackupFile + ":", line, StringComparison.Ordinal);
            Assert.Contains(field, line, StringComparison.Ordinal);
        }

        Assert.Equal("10000\t65535", ns.ReadSysctl(Key));
        Assert.Equal(damaged, File.ReadAllText(BackupFile));
    }

    [Fact]
    public void Rollback_in_another_namespace_refuses_and_keeps_the_backup()
    {
        using var first = CreateOrSkip();
        using var second = NetworkNamespace.Create();
        first.WriteSysctl(Key, "32768 60999");
        second.WriteSysctl(Key, "40000 50001");
        Assert.Equal(0, first.PortDoctor("range", "set", "--start", "10000", "--count", "55536", "--yes", "--state-dir", StateDir).Code);

        var elsewhere = second.PortDoctor("range", "rollback", "--yes", "--state-dir", StateDir);
        var setElsewhere = second.PortDoctor("range", "set", "--start", "10000", "--count", "55536", "--yes", "--state-dir", StateDir);

        Assert.Equal(65, elsewhere.Code);
        Assert.Contains("network namespace", OneLine(elsewhere.Error), StringComparison.Ordinal);
        Assert.Equal(65, setElsewhere.Code);
        Assert.Equal("40000\t50001", second.ReadSysctl(Key));
        Assert.True(File.Exists(BackupFile));
        Assert.Equal(0, first.PortDoctor("range", "rollback", "--yes", "--state-dir", StateDir).Code);
        Assert.Equal("32768\t60999", first.ReadSysctl(Key));
    }

    [Fact]
    public void A_failed_second_persist_set_goes_back_to_the_value_just_before_it()
    {
        using var ns = CreateOrSkip();
        Assert.Equal(0, ns.PortDoctor("range", "set", "--start", "20000", "--count", "1000", "--allow-shrink", "--yes", "--state-dir", StateDir).Code);

        // The backup must be rewritten (this set persists, the first did not) but the state dir is read-only.
        var result = ns.PortDoctorAfterMounts(
            $"mount --bind {StateDir} {StateDir} && mount -o remount,bind,ro {StateDir}",
            "range", "set", "--start", "22000", "--count", "1000", "--yes", "--persist", "--state-dir", StateDir, "--sysctl-dir", SysctlDir);

        Assert.NotEqual(0, result.Code);
        Assert.Contains("Read-only file system", OneLine(result.Error), StringComparison.Ordinal);
        Assert.Equal("20000\t20999", ns.ReadSysctl(Key));
        Assert.False(File.Exists(PersistFile));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void Rollback_on_a_read_only_state_dir_changes_nothing()
    {
        using var ns = CreateOrSkip();
        Assert.Equal(0, ns.PortDoctor("range", "set", "--start", "10000", "--count", "55536", "--yes", "--state-dir", StateDir).Code);

        var result = ns.PortDoctorAfterMounts(
            $"mount --bind {StateDir} {StateDir} && mount -o remount,bind,ro {StateDir}",
            "range", "rollback", "--yes", "--state-dir", StateDir);

        Assert.Equal(69, result.Code);
        Assert.Contains("Read-only file system", OneLine(result.Error), StringComparison.Ordinal);
        Assert.Equal("10000\t65535", ns.ReadSysctl(Key));
        Assert.True(File.Exists(BackupFile));
    }

    [Fact]
    public void Rollback_with_nothing_to_roll_back_still_removes_the_temp_file_a_killed_set_left()
    {
        // A set killed while writing its first backup leaves the temp file and no backup.
        using var ns = CreateOrSkip();
        Directory.CreateDirectory(StateDir);
        var temp = Path.Combine(StateDir, $".range-backup.json.4242.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, "{\"version\":");

        var result = ns.PortDoctor("range", "rollback", "--yes", "--state-dir", StateDir);

        Assert.Equal(69, result.Code);
        Assert.Contains("nothing to roll back", OneLine(result.Error), StringComparison.Ordinal);
        Assert.Empty(Leftovers());
        Assert.Equal("32768\t60999", ns.ReadSysctl(Key));
    }

    [Fact]
    public void A_full_state_dir_is_reported_as_full_and_leaves_no_temp_file()
    {
        using var ns = CreateOrSkip();
        Directory.CreateDirectory(StateDir);

        // A 16 KB tmpfs filled to the last byte, seen by this run only.
        var result = ns.Exec("unshare", "-m", "sh", "-c",
            $"mount -t tmpfs -o size=16k tmpfs {StateDir} && (dd if=/dev/zero of={StateDir}/fill bs=1k count=64 2>/dev/null; true)"
            + $" && {BuiltCli.Path} range set --start 10000 --count 55536 --yes --state-dir {StateDir};"
            + $" echo \"code=$?\" >&2; ls -a {StateDir} >&2");

        Assert.Contains("No space left on device", result.Error, StringComparison.Ordinal);
        Assert.Contains("code=69", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("tmp", result.Error.Split("code=")[1], StringComparison.Ordinal);
        Assert.Equal("32768\t60999", ns.ReadSysctl(Key));
    }
}
