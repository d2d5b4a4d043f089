using PortDoctor.Evidence.Linux;
using Xunit;

namespace PortDoctor.Evidence.Tests.Linux;

public sealed class CgroupContainerTests
{
    [Theory]
    [InlineData("docker-systemd.txt", "docker 3f4e5a6b7c8d")]
    [InlineData("docker-cgroupfs-v1.txt", "docker 0123456789ab")]
    [InlineData("kubepods-containerd-systemd.txt", "pod 8e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7 (burstable), containerd aabbccddeeff")]
    [InlineData("kubepods-crio-guaranteed.txt", "pod 11112222-3333-4444-5555-666677778888 (guaranteed), cri-o ffeeddccbbaa")]
    [InlineData("kubepods-cgroupfs-v1.txt", "pod 0a0b0c0d-1111-2222-3333-444455556666 (besteffort), container 5555aaaa5555")]
    [InlineData("containerd-nerdctl.txt", "containerd (default) 999988887777")]
    [InlineData("podman.txt", "podman 1234abcd1234")]
    public void Names_the_container_from_the_cgroup_path(string fixture, string expected)
    {
        Assert.Equal(expected, CgroupContainer.Parse(Read(fixture))?.ToString());
    }

    [Theory]
    [InlineData("host-session.txt")]
    [InlineData("containerd-daemon.txt")]
    [InlineData("empty.txt")]
    public void A_host_process_is_in_no_container(string fixture)
    {
        Assert.Null(CgroupContainer.Parse(Read(fixture)));
    }

    [Fact]
    public void The_pod_and_runtime_are_kept_apart()
    {
        var identity = CgroupContainer.Parse(Read("kubepods-containerd-systemd.txt"))!;

        Assert.Equal("containerd", identity.Runtime);
        Assert.Equal("aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899", identity.Id);
        Assert.Equal("8e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7", identity.PodUid);
        Assert.Equal("burstable", identity.QosClass);
    }

    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Cgroup", name));
}
