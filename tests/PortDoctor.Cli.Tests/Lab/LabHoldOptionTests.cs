using PortDoctor.Core;
using Xunit;

namespace PortDoctor.Cli.Tests.Lab;

/// <summary>--hold out of range is refused before anything is created, never clamped silently.</summary>
public class LabHoldOptionTests
{
    [Theory]
    [InlineData("-5", "portdoctor: --hold: -5 is negative: give the seconds to keep the namespace after diagnose (0-3600)")]
    [InlineData("3601", "portdoctor: --hold: 3601 is more than 3600 seconds (one hour)")]
    public void An_out_of_range_hold_is_a_usage_error_naming_the_option(string value, string expected)
    {
        // The fake host has no lab: reaching it would throw, so a 64 here means the value was refused first.
        var (code, output, error) = CliRunner.Run(env => env with { Host = new FakeHost() }, "lab", "--hold", value);
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("", output);
        Assert.Equal([expected], OptionParseErrorTests.Lines(error));
    }
}
