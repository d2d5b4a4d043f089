using System.Diagnostics;
using System.Globalization;
using PortDoctor.Platform.Dump;
using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

/// <summary>
/// A killed .NET process leaves `dotnet-diagnostic-PID-KEY-socket` behind and its PID is reused (seen in
/// CI: `sleep` got the PID of a test host killed earlier and was taken for .NET): only the socket whose
/// KEY is the process's start time counts.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DotNetSocketTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pd-dotnet-socket-").FullName;

    [Fact]
    public void A_stale_socket_of_an_earlier_process_with_the_same_pid_is_not_taken_for_dotnet()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only (/proc)");
        using var sleeper = Process.Start("sleep", "30");
        try
        {
            var key = ProcFdScanner.StartTicks(File.ReadAllBytes($"/proc/{sleeper.Id}/stat"))!.Value;
            File.WriteAllText(Path.Combine(_folder, string.Create(CultureInfo.InvariantCulture, $"dotnet-diagnostic-{sleeper.Id}-{key - 1}-socket")), "");

            Assert.Null(DotNetSocket.Find(sleeper.Id, [_folder]));

            var live = Path.Combine(_folder, string.Create(CultureInfo.InvariantCulture, $"dotnet-diagnostic-{sleeper.Id}-{key}-socket"));
            File.WriteAllText(live, "");
            Assert.Equal(live, DotNetSocket.Find(sleeper.Id, [_folder]));
        }
        finally
        {
            sleeper.Kill();
        }
    }

    [Fact]
    public void This_test_host_is_found_by_its_own_socket()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only (/proc)");
        Assert.SkipWhen(Environment.GetEnvironmentVariable("DOTNET_EnableDiagnostics") == "0", "diagnostics are off in this process");

        Assert.NotNull(DotNetSocket.Find(Environment.ProcessId));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
