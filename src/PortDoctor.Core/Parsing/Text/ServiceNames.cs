namespace PortDoctor.Core.Parsing.Text;

/// <summary>
/// Port numbers of the service names netstat and ss print without -n (from the services file of
/// Windows and Debian). Unknown names give 0: we report them, never guess.
/// </summary>
internal static class ServiceNames
{
    public static int PortOf(ReadOnlySpan<char> name) => name switch
    {
        "ftp" => 21,
        "ssh" => 22,
        "telnet" => 23,
        "smtp" => 25,
        "domain" => 53,
        "http" => 80,
        "www" => 80,
        "www-http" => 80,
        "kerberos" => 88,
        "pop3" => 110,
        "sunrpc" => 111,
        "epmap" => 135,
        "loc-srv" => 135,
        "netbios-ns" => 137,
        "netbios-dgm" => 138,
        "netbios-ssn" => 139,
        "ntp" => 123,
        "imap" => 143,
        "snmp" => 161,
        "ldap" => 389,
        "https" => 443,
        "microsoft-ds" => 445,
        "isakmp" => 500,
        "ipp" => 631,
        "ldaps" => 636,
        "ms-sql-s" => 1433,
        "ms-wbt-server" => 3389,
        "mysql" => 3306,
        "postgresql" => 5432,
        "wsd" => 5357,
        "llmnr" => 5355,
        "mdns" => 5353,
        "ws-discovery" => 3702,
        "ssdp" => 1900,
        "http-alt" => 8080,
        "wsman" => 5985,
        "wsmans" => 5986,
        "bootps" => 67,
        "bootpc" => 68,
        "submission" => 587,
        "imaps" => 993,
        "pop3s" => 995,
        "rdp" => 3389,
        "nfs" => 2049,
        "redis" => 6379,
        "xmpp-client" => 5222,
        "sip" => 5060,
        "dhcpv6-client" => 546,
        "dhcpv6-server" => 547,
        _ => 0,
    };
}
