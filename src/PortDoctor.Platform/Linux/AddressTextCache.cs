using System.Buffers.Binary;
using System.Net;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// Address bytes to canonical text, memoised: 40,000 sockets share a handful of addresses, and
/// formatting each one anew would dominate a dump's cost.
/// </summary>
internal sealed class AddressTextCache
{
    private readonly Dictionary<uint, string> _v4 = [];
    private readonly Dictionary<UInt128, string> _v6 = [];

    /// <summary>Past this many addresses the cache starts over (a long-running monitor meets new remotes forever).</summary>
    public const int MaxAddresses = 65_536;

    public string Get(ReadOnlySpan<byte> address)
    {
        if (_v4.Count + _v6.Count > MaxAddresses)
        {
            _v4.Clear();
            _v6.Clear();
        }

        if (address.Length == 4)
        {
            var key = BinaryPrimitives.ReadUInt32BigEndian(address);
            if (!_v4.TryGetValue(key, out var text))
            {
                text = new IPAddress(address).ToString();
                _v4[key] = text;
            }

            return text;
        }

        var wide = BinaryPrimitives.ReadUInt128BigEndian(address);
        if (!_v6.TryGetValue(wide, out var text6))
        {
            text6 = new IPAddress(address).ToString();
            _v6[wide] = text6;
        }

        return text6;
    }
}
