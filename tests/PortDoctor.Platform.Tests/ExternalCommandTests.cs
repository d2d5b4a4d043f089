using System.ComponentModel;
using Xunit;

namespace PortDoctor.Platform.Tests;

/// <summary>netsh and PowerShell run through this: arguments go as a list, never through a shell.</summary>
public class ExternalCommandTests
{
    [Fact]
    public void Arguments_reach_the_program_verbatim_without_a_shell()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("uses printf from coreutils");
        }

        var result = ExternalCommand.Run("printf", ["%s|", "start=10000 num=1000", "tcp;rm -rf /", "$HOME", "\"q\""], TimeSpan.FromSeconds(20));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("start=10000 num=1000|tcp;rm -rf /|$HOME|\"q\"|", result.Output);
    }

    [Fact]
    public void A_missing_program_is_a_win32_exception() =>
        Assert.Throws<Win32Exception>(() => ExternalCommand.Run("pdw-no-such-program", [], TimeSpan.FromSeconds(5)));

    [Fact]
    public void A_program_past_its_timeout_is_killed()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("uses sleep from coreutils");
        }

        Assert.Throws<TimeoutException>(() => ExternalCommand.Run("sleep", ["30"], TimeSpan.FromMilliseconds(300)));
    }
}
