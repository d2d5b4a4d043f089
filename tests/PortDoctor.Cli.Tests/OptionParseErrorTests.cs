using PortDoctor.Core;
using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>
/// A value of the wrong type is one line naming the option and what was expected, then the
/// hint: never .NET's type names.
/// </summary>
public class OptionParseErrorTests
{
    [Theory]
    [InlineData("range set --start abc --count 1000", "portdoctor: --start: 'abc' is not a whole number")]
    [InlineData("range set --start 40000 --count 1e3", "portdoctor: --count: '1e3' is not a whole number")]
    [InlineData("range set --start 99999999999 --count 1000", "portdoctor: --start: '99999999999' is not a whole number (too large)")]
    [InlineData("lab --ports many", "portdoctor: --ports: 'many' is not a whole number")]
    [InlineData("lab --hold 1.5", "portdoctor: --hold: '1.5' is not a whole number")]
    [InlineData("lab --max-seconds 5m", "portdoctor: --max-seconds: '5m' is not a whole number")]
    public void A_malformed_number_names_the_option_and_what_was_expected(string commandLine, string expected)
    {
        var (code, output, error) = CliRunner.Run(commandLine.Split(' '));
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("", output);
        var lines = Lines(error);
        Assert.Equal(2, lines.Length);
        Assert.Equal(expected, lines[0]);
        Assert.StartsWith("Try 'portdoctor ", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_value_names_the_option()
    {
        var (code, _, error) = CliRunner.Run("range", "set", "--start");
        Assert.Equal((int)ExitCode.Usage, code);
        var lines = Lines(error);
        Assert.Equal(2, lines.Length);
        Assert.Contains("--start", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    internal static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
