using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux;
using PortDoctor.Platform.Ranges;
using Xunit;

namespace PortDoctor.Platform.Tests.Ranges;

/// <summary>The Linux setter against a stand-in /proc/sys directory: what a failure after the kernel write leaves.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LinuxRangeSetterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pdw-setter-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_sysctl_file_that_cannot_be_put_in_place_puts_the_range_back_to_the_value_just_before()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the Linux setter");
        }

        var proc = Directory.CreateDirectory(Path.Combine(_root, "sys", "net", "ipv4")).FullName;
        File.WriteAllText(Path.Combine(proc, "ip_local_port_range"), "20000\t20999\n");
        var sysctl = Directory.CreateDirectory(Path.Combine(_root, "sysctl.d")).FullName;

        // The target is a non-empty directory, so the rename of the synced temp file fails.
        Directory.CreateDirectory(Path.Combine(sysctl, LinuxRangeSetter.PersistFileName, "in-the-way"));
        var setter = new LinuxRangeSetter(Path.Combine(_root, "sys"));
        var plan = new RangeSetPlan([], new PortRange(22000, 1000)) { Persist = true, SysctlDirectory = sysctl };
        var before = setter.Capture(plan);

        var ex = Assert.Throws<PortDoctorException>(() => setter.Apply(plan, before));

        Assert.Contains("the range was put back to 20000-20999", ex.Message, StringComparison.Ordinal);
        Assert.Equal("20000 20999", File.ReadAllText(Path.Combine(proc, "ip_local_port_range")).Trim());
        Assert.Equal([Path.Combine(sysctl, LinuxRangeSetter.PersistFileName)], Directory.GetFileSystemEntries(sysctl));
    }
}
