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
        if (piece.IsEmpty)
        {
            return;
        }

        var room = MaxChars - _text.Length - (_text.Length > 0 ? 1 : 0);
        if (room < piece.Length)
        {
            Truncated = true;
            return;
        }

        if (_text.Length > 0)
        {
            _text.Append(' ');
        }

        _text.Append(piece);
    }

    public override string ToString() => _text.ToString();
}
