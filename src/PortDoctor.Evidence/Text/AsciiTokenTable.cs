using System.Buffers.Binary;

namespace PortDoctor.Evidence.Text;

/// <summary>
/// A small open-addressing table from short byte strings (tokens of an ASCII line) to what they
/// were parsed into, so a token seen before costs one hash over its bytes and one compare: a log
/// repeats a few thousand endpoints millions of times. Bounded: past the limit, nothing is added
/// and callers parse as if it were new.
/// </summary>
internal sealed class AsciiTokenTable<T>
{
    private const int MaxCount = 1 << 16;

    /// <summary>Slots at first (a power of two; doubled at half full): a short file has a few tokens, and every reader of netstat text makes three tables.</summary>
    private const int FirstSlots = 64;
    private byte[][] _keys = new byte[FirstSlots][];
    private T[] _values = new T[FirstSlots];
    private int[] _hashes = new int[FirstSlots];
    private int _count;

    public bool TryGet(ReadOnlySpan<byte> key, out T value)
    {
        var hash = Hash(key);
        var mask = _keys.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var known = _keys[i];
            if (known is null)
            {
                value = default!;
                return false;
            }

            if (_hashes[i] == hash && key.SequenceEqual(known))
            {
                value = _values[i];
                return true;
            }
        }
    }

    /// <summary>Adds a key not in the table (call after TryGet said so).</summary>
    public void Add(ReadOnlySpan<byte> key, T value)
    {
        if (_count >= MaxCount)
        {
            return;
        }

        if ((_count + 1) * 2 > _keys.Length)
        {
            Grow();
        }

        Insert(key.ToArray(), Hash(key), value);
        _count++;
    }

    private void Insert(byte[] key, int hash, T value)
    {
        var mask = _keys.Length - 1;
        var i = hash & mask;
        while (_keys[i] is not null)
        {
            i = (i + 1) & mask;
        }

        (_keys[i], _hashes[i], _values[i]) = (key, hash, value);
    }

    private void Grow()
    {
        var (keys, hashes, values) = (_keys, _hashes, _values);
        _keys = new byte[keys.Length * 2][];
        _hashes = new int[keys.Length * 2];
        _values = new T[keys.Length * 2];
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is { } key)
            {
                Insert(key, hashes[i], values[i]);
            }
        }
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        // Not for untrusted keys at scale: the table is bounded, so a collision flood costs time, not memory.
        var h = (ulong)key.Length * 0x9E3779B97F4A7C15UL;
        var i = 0;
        for (; i + 8 <= key.Length; i += 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(key[i..])) * 0xFF51AFD7ED558CCDUL;
            h ^= h >> 29;
        }

        ulong tail = 0;
        for (var shift = 0; i < key.Length; i++, shift += 8)
        {
            tail |= (ulong)key[i] << shift;
        }

        // Final mix (MurmurHash3's fmix64): the table index takes the low bits, so every input bit must reach them.
        h ^= tail;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return (int)h & int.MaxValue;
    }
}
