namespace PortDoctor.Core.Analysis;

/// <summary>
/// A set of ports 0-65535, one bit each: 8 KB where a bool per port took 64 KB, cleared and first
/// touched by every accounting of a pool (a short `diagnose` spent ~3 % of its time there).
/// </summary>
internal readonly struct PortMask
{
    private readonly ulong[] _words = new ulong[65536 / 64];

    public PortMask()
    {
    }

    /// <summary>Whether the port is in the set; <paramref name="port"/> must be 0-65535.</summary>
    public bool this[int port] => (_words[port >> 6] & (1UL << port)) != 0;

    /// <summary>Whether the port is in the set; a number that is no port (below 0, above 65535) is not.</summary>
    public bool Contains(int port) => (uint)port <= 65535 && this[port];

    /// <summary>Puts the port in the set; true when it was not in it. A number that is no port is left out (false).</summary>
    public bool Add(int port)
    {
        if ((uint)port > 65535)
        {
            return false;
        }

        ref var word = ref _words[port >> 6];
        var bit = 1UL << port;
        var added = (word & bit) == 0;
        word |= bit;
        return added;
    }

    /// <summary>Puts the ports <paramref name="first"/> to <paramref name="last"/> (0-65535, inclusive) in the set or out of it.</summary>
    public void Set(int first, int last, bool inSet)
    {
        for (var word = first >> 6; word <= last >> 6; word++)
        {
            var low = Math.Max(first, word << 6) & 63;
            var high = Math.Min(last, (word << 6) | 63) & 63;
            var bits = (ulong.MaxValue >> (63 - high)) & (ulong.MaxValue << low);
            _words[word] = inSet ? _words[word] | bits : _words[word] & ~bits;
        }
    }
}
