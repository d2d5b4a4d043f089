using System.Text;

namespace PortDoctor.Evidence.Text;

/// <summary>
/// A value continued over many lines (a wrapped message), joined with single spaces in time linear
/// in its length and kept to <see cref="MaxChars"/>: a file of a million continuation lines must
/// neither copy the value per line nor grow it without end.
/// </summary>
internal sealed class JoinedText
{
    /// <summary>64 Ki characters: far more than any event message or wrapped field.</summary>
    public const int MaxChars = 1 << 16;
    private readonly StringBuilder _text = new();

    public JoinedText(ReadOnlySpan<char> first) => Append(first);

    /// <summary>True when a piece was dropped because the value had reached its limit.</summary>
    public bool Truncated { get; private set; }

    public int Length => _text.Length;

    /// <summary>Appends a piece after a space (none before the first piece or an empty value).</summary>
    public void Append(ReadOnlySpan<char> piece)
    {
        if (MakeRoom(piece.Length))
        {
            _text.Append(piece);
        }
    }

    /// <summary>
    /// <see cref="Append(ReadOnlySpan{char})"/> for a piece of ASCII bytes (the byte fast path's
    /// continuation lines): the same text, the same limit, without decoding a piece that is dropped.
    /// </summary>
    public void AppendAscii(ReadOnlySpan<byte> piece)
    {
        if (MakeRoom(piece.Length))
        {
            Span<char> chars = piece.Length <= 1024 ? stackalloc char[1024] : new char[piece.Length];
            Ascii.ToUtf16(piece, chars, out var written);
            _text.Append(chars[..written]);
        }
    }

    /// <summary>False for an empty piece or one past the limit (marked <see cref="Truncated"/>); else the separating space is added.</summary>
    private bool MakeRoom(int length)
    {
        if (length == 0)
        {
            return false;
        }

        var room = MaxChars - _text.Length - (_text.Length > 0 ? 1 : 0);
        if (room < length)
        {
            Truncated = true;
            return false;
        }

        if (_text.Length > 0)
        {
            _text.Append(' ');
        }

        return true;
    }

    public override string ToString() => _text.ToString();
}
