using PortDoctor.Core;
using Xunit;

namespace PortDoctor.Cli.Tests;

public class ErrorPolicyTests
{
    [Fact]
    public void Unknown_verb_is_one_error_line_and_one_hint()
    {
        var (code, output, error) = CliRunner.Run("bogus");
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("", output);
        var lines = OptionParseErrorTests.Lines(error);
        Assert.Equal(2, lines.Length);
        Assert.Equal("portdoctor: unknown command 'bogus'", lines[0]);
        Assert.Equal("Try 'portdoctor --help'.", lines[1]);
    }

    [Fact]
    public void Unknown_option_is_one_error_line_and_the_verbs_hint()
    {
        var (code, _, error) = CliRunner.Run("connections", "--colour", "red");
        Assert.Equal((int)ExitCode.Usage, code);
        var lines = OptionParseErrorTests.Lines(error);
        Assert.Equal(2, lines.Length);
        Assert.Contains("--colour", lines[0], StringComparison.Ordinal);
        Assert.Equal("Try 'portdoctor connections --help'.", lines[1]);
    }

    [Fact]
    public void Version_prints_the_name()
    {
        var (code, output, _) = CliRunner.Run("version");
        Assert.Equal(0, code);
        Assert.StartsWith("portdoctor ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_internal_error_is_one_line_with_the_debug_hint_and_exit_70()
    {
        var (code, output, error) = RunConnectionsFailingWith(new InvalidOperationException("the table was empty twice"));
        Assert.Equal((int)ExitCode.Internal, code);
        Assert.Equal("", output);
        var lines = OptionParseErrorTests.Lines(error);
        Assert.Single(lines);
        Assert.Equal(
            "portdoctor: internal error: InvalidOperationException: the table was empty twice (set PORTDOCTOR_DEBUG=1 for the stack trace)",
            lines[0]);
    }

    [Fact]
    public void A_full_disk_is_named_with_its_path_and_exit_69_not_no_permission()
    {
        // /dev/full answers every write with ENOSPC: the exception .NET really throws.
        IOException full;
        try
        {
            File.WriteAllText("/dev/full", "x");
            Assert.Skip("/dev/full accepted a write on this machine");
            return;
        }
        catch (IOException ex)
        {
            full = ex;
        }

        var (code, _, error) = RunConnectionsFailingWith(full);
        Assert.Equal((int)ExitCode.Unavailable, code);
        var lines = OptionParseErrorTests.Lines(error);
        Assert.Single(lines);
        Assert.Equal("portdoctor: no space left on device: /dev/full", lines[0]);
    }

    [Theory]
    [InlineData(30, "Read-only file system : '/mnt/ro/history.db'", "portdoctor: read-only file system: /mnt/ro/history.db")]
    [InlineData(122, "Disk quota exceeded : '/home/u/.local/state/portdoctor/x'", "portdoctor: disk quota exceeded: /home/u/.local/state/portdoctor/x")]
    [InlineData(28, "No space left on device", "portdoctor: no space left on device")]
    [InlineData(unchecked((int)0x80070070), "There is not enough space on the disk. : 'D:\\pd\\backup.json'", "portdoctor: no space left on device: D:\\pd\\backup.json")]
    [InlineData(unchecked((int)0x80070013), "The media is write protected. : 'E:\\x'", "portdoctor: read-only file system: E:\\x")]
    public void Storage_conditions_are_one_line_naming_the_condition_and_path_exit_69(int hresult, string message, string expected)
    {
        var (code, _, error) = RunConnectionsFailingWith(new IOException(message, hresult));
        Assert.Equal((int)ExitCode.Unavailable, code);
        Assert.Equal([expected], OptionParseErrorTests.Lines(error));
    }

    [Fact]
    public void A_refused_permission_stays_exit_77()
    {
        var (code, _, error) = RunConnectionsFailingWith(new UnauthorizedAccessException("Access to the path '/proc/1/fd' is denied."));
        Assert.Equal((int)ExitCode.NoPermission, code);
        Assert.Single(OptionParseErrorTests.Lines(error));
    }

    private static (int Code, string Out, string Error) RunConnectionsFailingWith(Exception exception) =>
        CliRunner.Run(env => env with { Host = new FakeHost { Collector = new ThrowingCollector(exception) } }, "connections");
}
