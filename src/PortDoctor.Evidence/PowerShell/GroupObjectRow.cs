using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using PortDoctor.Evidence.FastPath;

namespace PortDoctor.Evidence.PowerShell;

/// <summary>A Group-Object row without a process name: its count, its PID (0: none) and its state.</summary>
internal readonly record struct GroupObjectRow(int Count, int Pid, SocketState State)
{
    /// <summary>On a chunk worker: a row that names no process (one that does is read on the reading thread).</summary>
    internal readonly struct Parser : IShapedRowParser<GroupObjectRow>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryParse(ReadOnlySpan<byte> line, in AsciiLineShape shape, int start, Span<Range> fields, out GroupObjectRow row) =>
            GroupObjectReader.TryParse(line, shape, fields, out row, out var processAt) && processAt < 0;
    }
}

/// <summary>
/// <see cref="PowerShellConnection.TryState"/> of an ASCII word. PowerShell's English state names are
/// answered from a table made once (one name per slot of length and first letter, each answered by
/// TryState itself); any other word from the last word's answer, kept per thread (the chunk workers
/// judge rows too: a thread-static cache alone was a tenth of their profile).
/// </summary>
internal static class StateWord
{
    private static readonly (byte[]? Word, SocketState? State)[] Known = KnownWords();

    [ThreadStatic]
    private static byte[]? _word;

    [ThreadStatic]
    private static SocketState? _state;

    public static bool TryParse(ReadOnlySpan<byte> word, out SocketState state)
    {
        if (word.Length > 0)
        {
            ref readonly var entry = ref Known[Slot(word)];
            if (entry.Word is { } known && Same(word, known))
            {
                state = entry.State ?? SocketState.Unknown;
                return entry.State is not null;
            }
        }

        if (_word is null || !word.SequenceEqual(_word))
        {
            _word = word.ToArray();
            _state = PowerShellConnection.TryState(Encoding.ASCII.GetString(word), out var parsed) ? parsed : null;
        }

        state = _state ?? SocketState.Unknown;
        return _state is not null;
    }

    private static int Slot(ReadOnlySpan<byte> word) => ((word.Length << 3) ^ word[0]) & 127;

    /// <summary>
    /// <c>SequenceEqual</c> for the names' lengths (5-11 bytes) as two overlapping loads of 4 or 8 bytes
    /// (the call to the general compare was a third of this method's profile).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Same(ReadOnlySpan<byte> word, byte[] known)
    {
        var length = word.Length;
        if (length != known.Length)
        {
            return false;
        }

        ref var a = ref MemoryMarshal.GetReference(word);
        ref var b = ref MemoryMarshal.GetArrayDataReference(known);
        return length switch
        {
            >= 8 and <= 16 => Unsafe.ReadUnaligned<ulong>(ref a) == Unsafe.ReadUnaligned<ulong>(ref b) &&
                Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, length - 8)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, length - 8)),
            >= 4 and < 8 => Unsafe.ReadUnaligned<uint>(ref a) == Unsafe.ReadUnaligned<uint>(ref b) &&
                Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref a, length - 4)) == Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, length - 4)),
            _ => word.SequenceEqual(known),
        };
    }

    private static (byte[]?, SocketState?)[] KnownWords()
    {
        var table = new (byte[]?, SocketState?)[128];
        string[] names = ["Established", "SynSent", "SynReceived", "FinWait1", "FinWait2", "TimeWait", "Closed", "CloseWait", "LastAck", "Listen", "Closing", "Bound", "DeleteTCB"];
        foreach (var name in names)
        {
            var word = Encoding.ASCII.GetBytes(name);
            ref var slot = ref table[Slot(word)];
            if (slot.Item1 is null)
            {
                slot = (word, PowerShellConnection.TryState(name, out var state) ? state : null);
            }
        }

        return table;
    }
}
