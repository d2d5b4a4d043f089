using System.Runtime.Versioning;
using System.Text;
using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

[SupportedOSPlatform("linux")]
public sealed class ProcStatTests
{
    [Theory]
    [InlineData("1234 (bash) S 1 1234 1234 34816 1234 4194304 1000 0 0 0 5 3 0 0 20 0 1 0 98765 1000 200", 98765L)]
    [InlineData("77 (a) b) c ) R 1 77 77 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 42 0 0 18446744073709551615", 42L)]
    [InlineData("5 (x)  S  1 5 5 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 7 0", 7L)]
    public void The_start_time_is_field_22_whatever_the_name_holds(string stat, long expected) =>
        Assert.Equal(expected, ProcFdScanner.StartTicks(Encoding.ASCII.GetBytes(stat)));

    [Theory]
    [InlineData("")]
    [InlineData("12 (cut short) S 1 2 3")]
    [InlineData("no parenthesis here at all 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22")]
    public void A_damaged_line_has_no_start_time(string stat) =>
        Assert.Null(ProcFdScanner.StartTicks(Encoding.ASCII.GetBytes(stat)));
}
