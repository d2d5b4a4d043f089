using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PortDoctor.Evidence.Windows;

/// <summary>
/// The English netstat state names, found by a token's length and its first and last eight bytes
/// in one table look-up (the row parsers' state column); each maps as the general path's own
/// table maps it. Translated names are left to the general path.
/// </summary>
internal static class NetstatStateWords
{
    private const int Bits = 6;
    private static readonly (ulong Head, ulong Tail, int Length, SocketState State)[] Slots = Build();

    /// <summary>
    /// <paramref name="head"/>: the token's first min(length, 8) bytes (little-endian, zero above);
    /// <paramref name="tail"/>: its last eight bytes when it is longer than 8, else 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGet(ulong head, ulong tail, int length, out SocketState state)
    {
        var slot = Slot(head, tail, length);
        while (true)
        {
            ref readonly var entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Slots), slot);
            if (entry.Length == length && entry.Head == head && entry.Tail == tail && length != 0)
            {
                state = entry.State;
                return true;
            }

            if (entry.Length == 0)
            {
                state = SocketState.Unknown;
                return false;
            }

            slot = (slot + 1) & ((1 << Bits) - 1);
        }
    }

    public static bool TryGet(ReadOnlySpan<byte> token, out SocketState state)
    {
        if (token.Length is 0 or > 16)
        {
            state = SocketState.Unknown;
            return false;
        }

        var (head, tail) = Words(token);
        return TryGet(head, tail, token.Length, out state);
    }

    private static (ulong Head, ulong Tail) Words(ReadOnlySpan<byte> token)
    {
        Span<byte> padded = stackalloc byte[8];
        padded.Clear();
        token[..Math.Min(8, token.Length)].CopyTo(padded);
        var head = BinaryPrimitives.ReadUInt64LittleEndian(padded);
        var tail = token.Length > 8 ? BinaryPrimitives.ReadUInt64LittleEndian(token[^8..]) : 0;
        return (head, tail);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(ulong head, ulong tail, int length) =>
        (int)(((head ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (uint)length) * 0x9E3779B97F4A7C15UL) >> (64 - Bits));

    private static (ulong, ulong, int, SocketState)[] Build()
    {
        string[] names =
        [
            "ESTABLISHED", "TIME_WAIT", "LISTENING", "CLOSE_WAIT", "BOUND", "FIN_WAIT_2", "SYN_SENT", "FIN_WAIT_1",
            "LAST_ACK", "SYN_RECEIVED", "CLOSING", "CLOSED", "LISTEN", "DELETE_TCB",
        ];
        var slots = new (ulong, ulong, int, SocketState)[1 << Bits];
        foreach (var name in names)
        {
            if (!LocalizedStateNames.TryParse(name, out var state))
            {
                continue;
            }

            var (head, tail) = Words(System.Text.Encoding.ASCII.GetBytes(name));
            var slot = Slot(head, tail, name.Length);
            while (slots[slot].Item3 != 0)
            {
                slot = (slot + 1) & ((1 << Bits) - 1);
            }

            slots[slot] = (head, tail, name.Length, state);
        }

        return slots;
    }
}
