using System.Net;
using PortDoctor.Core.Connections;
using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Core.Tests.Connections;

public class EndpointPatternTests
{
    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5", null)]
    [InlineData("10.0.0.5:443", "10.0.0.5", 443)]
    [InlineData(":443", null, 443)]
    [InlineData("*:443", null, 443)]
    [InlineData("::1", "::1", null)]
    [InlineData("[::1]:8080", "::1", 8080)]
    [InlineData("[fe80::1]", "fe80::1", null)]
    public void Valid_forms_parse(string text, string? address, int? port)
    {
        Assert.True(EndpointPattern.TryParse(text, out var pattern));
        Assert.Equal(address is null ? null : IPAddress.Parse(address), pattern.Address);
        Assert.Equal(port, pattern.Port);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":")]
    [InlineData("1.2.3:80")]
    [InlineData("10.0.0.5:70000")]
    [InlineData("10.0.0.5:http")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("example.com")]
    public void Malformed_forms_are_rejected(string text) => Assert.False(EndpointPattern.TryParse(text, out _));

    [Fact]
    public void An_IPv4_pattern_matches_the_mapped_form_of_a_dual_stack_socket()
    {
        Assert.True(EndpointPattern.TryParse("127.0.0.1:80", out var pattern));
        Assert.True(pattern.Matches(new Endpoint("::ffff:127.0.0.1", 80)));
        Assert.True(pattern.Matches(new Endpoint("127.0.0.1", 80)));
        Assert.False(pattern.Matches(new Endpoint("127.0.0.1", 81)));
        Assert.False(pattern.Matches(new Endpoint("127.0.0.2", 80)));
    }
}
