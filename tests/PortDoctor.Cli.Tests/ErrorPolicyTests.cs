using PortDoctor.Core;
using Xunit;

namespace PortDoctor.Cli.Tests;

public class ErrorPolicyTests
{
    [Fact]
    public void Unknown_verb_is_a_usage_error_in_one_line_plus_a_hint()
    {
        var (code, _, error) = CliRunner.Run("frobnicate");
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Contains("frobnicate", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_name()
    {
        var (code, output, _) = CliRunner.Run("version");
        Assert.Equal(0, code);
        Assert.StartsWith("portdoctor ", output, StringComparison.Ordinal);
    }
}
