using Xunit;

namespace PortDoctor.Cli.Tests.Ranges;

/// <summary>What the `range set` fault tests share: the arguments of a persisted set and the check that rollback restores the original.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public abstract class RangeFaultTest : RangeNamespaceTest
{
    protected const string Original = "32768\t60999";

    protected string[] SetArgs(int start) =>
        ["range", "set", "--start", $"{start}", "--count", "40000", "--yes", "--persist", "--state-dir", StateDir, "--sysctl-dir", SysctlDir];

    /// <summary>Rolls back (when a backup exists) and checks the original range, no sysctl.d file, no temp files.</summary>
    protected void AssertRestoredToOriginal(NetworkNamespace ns, bool expectBackup)
    {
        var rollback = ns.PortDoctor("range", "rollback", "--yes", "--state-dir", StateDir);
        Assert.True(rollback.Code == (expectBackup ? 0 : 69), $"rollback: {rollback.Code} {rollback.Error}");
        Assert.Equal(Original, ns.ReadSysctl(Key));
        Assert.False(File.Exists(PersistFile));
        Assert.False(File.Exists(BackupFile));
        Assert.Empty(Leftovers());
    }
}
