namespace PortDoctor.Platform.Ranges;

/// <summary>One range as it was: "tcp"/"udp", "ipv4"/"ipv6", start and count.</summary>
public sealed record RangeBackupEntry(string Protocol, string Family, int Start, int Count);
