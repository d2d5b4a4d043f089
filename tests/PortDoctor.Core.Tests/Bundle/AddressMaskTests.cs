using PortDoctor.Core.Bundle;
using Xunit;

namespace PortDoctor.Core.Tests.Bundle;

public sealed class AddressMaskTests
{
    [Fact]
    public void The_same_address_becomes_the_same_stand_in_everywhere_and_loopback_and_wildcards_stay()
    {
        var mask = new AddressMask([]);

        var ss = mask.Apply("ESTAB 0 0 10.0.0.5:40001 10.0.0.7:5432 users:((\"java\",pid=42,fd=3))\nLISTEN 0 0 0.0.0.0:22 127.0.0.1:0\n");
        var json = mask.Apply("{\"remote\": \"10.0.0.7:5432\", \"local\": \"10.0.0.5\"}");

        Assert.Equal("ESTAB 0 0 198.18.0.1:40001 198.18.0.2:5432 users:((\"java\",pid=42,fd=3))\nLISTEN 0 0 0.0.0.0:22 127.0.0.1:0\n", ss);
        Assert.Equal("{\"remote\": \"198.18.0.2:5432\", \"local\": \"198.18.0.1\"}", json);
        Assert.Equal("198.18.0.1", mask.Map["10.0.0.5"]);
    }

    [Fact]
    public void Ipv6_in_brackets_and_v4_mapped_addresses_are_masked_within_their_family()
    {
        var mask = new AddressMask([]);

        var text = mask.Apply("[2a00:1450:4001::200e]:443 [::ffff:10.0.0.5]:80 [::]:22 [::1]:25");

        Assert.Equal("[2001:db8::1]:443 [::ffff:198.18.0.1]:80 [::]:22 [::1]:25", text);
    }

    [Fact]
    public void Proc_net_hex_addresses_are_masked_and_stay_hex_of_the_same_layout()
    {
        var mask = new AddressMask([]);

        var tcp = mask.Apply("   0: 0500000A:9C41 0700000A:1538 01 00000000:00000000\n   1: 0100007F:0016 00000000:0000 0A\n");
        var tcp6 = mask.Apply("   0: 0000000000000000FFFF00000500000A:9C41 00000000000000000000000001000000:0016 01\n");

        Assert.Equal("   0: 010012C6:9C41 020012C6:1538 01 00000000:00000000\n   1: 0100007F:0016 00000000:0000 0A\n", tcp);
        Assert.Equal("   0: 0000000000000000FFFF0000010012C6:9C41 00000000000000000000000001000000:0016 01\n", tcp6);
    }

    [Fact]
    public void Host_names_are_replaced_whole_words_only_case_insensitively()
    {
        var mask = new AddressMask(["web01", "web01.corp.example"]);

        var text = mask.Apply("host WEB01.corp.example and web01 but not web012");

        Assert.Equal("host host-1 and host-2 but not web012", text);
        Assert.Equal("host-1", mask.Map["web01.corp.example"]);
    }

    [Fact]
    public void Numbers_that_are_not_addresses_are_kept()
    {
        var mask = new AddressMask([]);

        Assert.Equal("version 1.2.3 and 999.1.1.1 and 1.2.3.4.5", mask.Apply("version 1.2.3 and 999.1.1.1 and 1.2.3.4.5"));
    }
}
