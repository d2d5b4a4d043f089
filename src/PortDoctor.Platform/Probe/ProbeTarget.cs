using System.Globalization;
using PortDoctor.Core;

namespace PortDoctor.Platform.Probe;

/// <summary>A host:port to connect to in the outbound test (a domain controller on 389, a file server on 445).</summary>
public sealed record ProbeTarget(string Host, int Port)
{
    /// <summary>Parses "host:port" or "[v6]:port"; a wrong value is a usage error naming the option.</summary>
    public static ProbeTarget Parse(string text, string option = "--target")
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon] : "";
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (host.Length == 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new PortDoctorException($"{option} '{text}': expected host:port with a port from 1 to 65535", ExitCode.Usage);
        }

        return new ProbeTarget(host, port);
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
