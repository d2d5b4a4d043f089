using Xunit;

namespace PortDoctor.Core.Tests;

public class DurationTextTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("30", 1800)]
    [InlineData("24h", 86400)]
    [InlineData(" 7D ", 604800)]
    [InlineData("1.5h", 5400)]
    public void Parses_common_spellings(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.Parse("--since", text));

    [Theory]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("0h")]
    [InlineData("-5m")]
    [InlineData("5w")]
    [InlineData("400d")]
    [InlineData("1,5h")]
    public void Refuses_nonsense_as_a_usage_error(string text)
    {
        var error = Assert.Throws<PortDoctorException>(() => DurationText.Parse("--since", text));
        Assert.Equal(ExitCode.Usage, error.Code);
        Assert.StartsWith("--since", error.Message, StringComparison.Ordinal);
    }
}
