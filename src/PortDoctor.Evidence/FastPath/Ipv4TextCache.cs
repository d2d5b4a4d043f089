using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// Dotted IPv4 texts already read, looked up by their bytes: a netstat log repeats a few hundred
/// addresses millions of times, so an address is parsed once and then found by two 8-byte words.
/// One per thread (chunks are parsed on several). Only valid addresses are kept, so a hit means
/// the text is exactly a valid address.
/// </summary>
internal sealed class Ipv4TextCache
{
    private const int Bits = 12;
    private const int Probes = 8;

    /// <summary>Per text length 0-15: the masks that keep the text's bytes of the two words (constant data).</summary>
    private static ReadOnlySpan<ulong> FirstMasks =>
    [
        0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFF_FFFFFFFF, 0xFFFF_FFFFFFFF, 0xFFFFFF_FFFFFFFF,
        ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue,
    ];

    private static ReadOnlySpan<ulong> SecondMasks =>
    [
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFF_FFFFFFFF, 0xFFFF_FFFFFFFF, 0xFFFFFF_FFFFFFFF,
    ];

    private readonly Entry[] _entries = new Entry[1 << Bits];

    /// <summary>The last address looked up with remember: a host's own address repeats row after row.</summary>
    private Entry _last;

    /// <summary>
    /// The address whose text is the <paramref name="length"/> bytes at <paramref name="text"/>;
    /// 16 bytes from there must be readable (the bytes after the text are masked off the key).
    /// With <paramref name="remember"/> (a constant at each call site: the local address) the last
    /// such address is tried first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(ref byte text, int length, bool remember, out uint address)
    {
        if ((uint)(length - 7) > 8)
        {
            address = 0;
            return false;
        }

        // Lengths 7-15: the first word is whole from 8 bytes on; the second holds the rest and,
        // in its top byte (never text: at most 7 bytes are left), the length.
        var first = Unsafe.ReadUnaligned<ulong>(ref text) & Unsafe.Add(ref MemoryMarshal.GetReference(FirstMasks), length);
        var second = (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref text, 8)) & Unsafe.Add(ref MemoryMarshal.GetReference(SecondMasks), length)) |
            ((ulong)length << 56);
        if (remember && _last.Second == second && _last.First == first)
        {
            address = _last.Address;
            return true;
        }

        var slot = (int)(((first * 0x9E3779B97F4A7C15UL) ^ (second * 0xC2B2AE3D27D4EB4FUL)) >> (64 - Bits));
        ref var entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        for (var probe = 0; probe < Probes; probe++)
        {
            ref var entry = ref Unsafe.Add(ref entries, (slot + probe) & ((1 << Bits) - 1));
            if (entry.Second == second && entry.First == first)
            {
                if (remember)
                {
                    _last = entry;
                }

                address = entry.Address;
                return true;
            }

            if (entry.Second == 0)
            {
                return Add(ref entry, ref text, length, first, second, out address);
            }
        }

        // The neighbourhood is full (thousands of addresses): parsed every time.
        return NetstatRowParser.TryIPv4(MemoryMarshal.CreateReadOnlySpan(ref text, length), out address);
    }

    /// <summary>Not seen yet: parsed once, then kept (only a valid address is kept).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Add(ref Entry entry, ref byte text, int length, ulong first, ulong second, out uint address)
    {
        if (!NetstatRowParser.TryIPv4(MemoryMarshal.CreateReadOnlySpan(ref text, length), out address))
        {
            return false;
        }

        (entry.First, entry.Second, entry.Address) = (first, second, address);
        return true;
    }

    private struct Entry
    {
        public ulong First;
        public ulong Second;
        public uint Address;
    }
}
