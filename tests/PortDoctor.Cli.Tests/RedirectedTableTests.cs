using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>docs/cli.md: redirected, a table is plain columns with no box-drawing characters and no ANSI.</summary>
public class RedirectedTableTests
{
    [Theory]
    [InlineData("connections")]
    [InlineData("connections", "--group-by", "state,pid")]
    [InlineData("diagnose", "--no-probe")]
    public void Redirected_tables_have_no_box_drawing_characters(params string[] args)
    {
        var (_, output, _) = CliRunner.Run(env => env with { Host = new FakeHost() }, args);
        Assert.NotEqual("", output);
        var box = output.Where(c => c is >= '\u2500' and <= '\u259F').Distinct().ToArray();
        Assert.True(box.Length == 0, $"box-drawing characters in redirected output: {new string(box)}\n{output}");
        Assert.DoesNotContain('\u001b', output);
        Assert.True(output.All(c => c < 128), "redirected table output is plain ASCII for ASCII data");
    }

    [Fact]
    public void Redirected_header_is_underlined_with_ascii_dashes()
    {
        var (_, output, _) = CliRunner.Run(env => env with { Host = new FakeHost() }, "connections");
        var lines = output.Split('\n');
        var header = Array.FindIndex(lines, l => l.Contains("Local Address", StringComparison.Ordinal));
        Assert.True(header >= 0, output);
        Assert.Matches("^-+$", lines[header + 1].Trim());
    }

    [Fact]
    public void A_terminal_keeps_the_box_rule()
    {
        var (_, output, _) = CliRunner.Run(env => env with { Host = new FakeHost(), OutIsTerminal = true }, "connections");
        Assert.Contains('\u2500', output);
    }
}
