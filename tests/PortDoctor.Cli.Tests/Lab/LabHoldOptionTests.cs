using PortDoctor.Core;
using Xunit;

namespace PortDoctor.Cli.Tests.Lab;

/// <summary>--hold and --max-seconds out of range are refused before anything is created, never clamped silently.</summary>
public class LabHoldOptionTests
{
    [Theory]
    [InlineData("--hold", "-5", "portdoctor: --hold: -5 is negative: give the seconds to keep the namespace after diagnose (0-3600)")]
    [InlineData("--hold", "3601", "portdoctor: --hold: 3601 is more than 3600 seconds (one hour)")]
    [InlineData("--max-seconds", "4", "portdoctor: --max-seconds: 4 is outside 5-3600: give the upper bound of the workload's run in seconds")]
    [InlineData("--max-seconds", "-1", "portdoctor: --max-seconds: -1 is outside 5-3600: give the upper bound of the workload's run in seconds")]
    [InlineData("--max-seconds", "7200", "portdoctor: --max-seconds: 7200 is outside 5-3600: give the upper bound of the workload's run in seconds")]
    public void An_out_of_range_value_is_a_usage_error_naming_the_option(string option, string value, string expected)
    {
        // The fake host has no lab: reaching it would throw, so a 64 here means the value was refused first.
        var (code, output, error) = CliRunner.Run(env => env with { Host = new FakeHost() }, "lab", option, value);
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("", output);
        Assert.Equal([expected], OptionParseErrorTests.Lines(error));
    }
}
