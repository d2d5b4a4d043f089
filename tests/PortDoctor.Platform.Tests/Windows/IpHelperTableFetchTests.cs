using PortDoctor.Core;
using PortDoctor.Platform.Windows;
using Xunit;

namespace PortDoctor.Platform.Tests.Windows;

/// <summary>
/// The iphlpapi size-query-and-retry loop against scripted call results: a failing call is one
/// line naming the call and the Win32 error with exit 69, not an internal error (Wine's
/// GetExtendedTcpTable failing gave "internal error: Win32Exception" and exit 70).
/// </summary>
public class IpHelperTableFetchTests
{
    [Fact]
    public void A_failing_call_is_unavailable_naming_the_call_and_the_win32_error()
    {
        var ex = Assert.Throws<PortDoctorException>(() => IpHelperTableFetch.Fetch("GetExtendedTcpTable(IPv6)", (_, _) => (50u, 0u)));

        Assert.Equal(ExitCode.Unavailable, ex.Code);
        Assert.Equal(
            "GetExtendedTcpTable(IPv6) failed with Win32 error 50 (ERROR_NOT_SUPPORTED): the live socket table cannot be read here; "
            + "a saved `netstat -ano` can be read with --from",
            ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_read_failing_after_the_size_query_names_its_own_error_and_an_unknown_code_its_number()
    {
        var ex = Assert.Throws<PortDoctorException>(() =>
            IpHelperTableFetch.Fetch("GetExtendedUdpTable(IPv4)", (buffer, _) => buffer is null ? (122u, 64u) : (4321u, 0u)));

        Assert.Equal(ExitCode.Unavailable, ex.Code);
        Assert.StartsWith("GetExtendedUdpTable(IPv4) failed with Win32 error 4321: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_that_keeps_growing_gives_up_after_five_reads_and_says_so()
    {
        var reads = 0;
        var ex = Assert.Throws<PortDoctorException>(() => IpHelperTableFetch.Fetch("GetExtendedTcpTable(IPv4)", (buffer, size) =>
        {
            reads += buffer is null ? 0 : 1;
            return (122u, size + 100);
        }));

        Assert.Equal(5, reads);
        Assert.Equal(ExitCode.Unavailable, ex.Code);
        Assert.Contains("Win32 error 122 (ERROR_INSUFFICIENT_BUFFER) after 5 attempts (the table kept growing)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_that_grew_once_is_read_with_the_size_asked_for_plus_slack()
    {
        var sizes = new List<uint>();
        var table = IpHelperTableFetch.Fetch("GetExtendedTcpTable(IPv4)", (buffer, size) =>
        {
            if (buffer is null)
            {
                return (122u, 800u);
            }

            sizes.Add(size);
            Assert.Equal((uint)buffer.Length, size);
            return sizes.Count == 1 ? (122u, 1600u) : (0u, 1600u);
        });

        Assert.Equal([900u, 1800u], sizes);
        Assert.Equal(1800, table.Length);
    }
}
