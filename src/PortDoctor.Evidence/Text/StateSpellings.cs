namespace PortDoctor.Evidence.Text;

/// <summary>
/// State names as one file spells them: known spellings directly, others through a code-page
/// repair whose outcome (success or not) is remembered, so a file full of one odd spelling costs
/// one repair, not one per row.
/// </summary>
internal sealed class StateSpellings
{
    private const int MaxRemembered = 256;
    private readonly Dictionary<string, SocketState> _repaired = new(StringComparer.Ordinal);

    public bool TryParse(ReadOnlySpan<char> text, out SocketState state)
    {
        if (LocalizedStateNames.TryParse(text, out state))
        {
            return true;
        }

        var lookup = _repaired.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out state))
        {
            return state != SocketState.Unknown;
        }

        var repaired = MojibakeRepair.Repair(text.ToString(), t => LocalizedStateNames.TryParse(t, out _));
        if (!LocalizedStateNames.TryParse(repaired, out state))
        {
            state = SocketState.Unknown;
        }

        if (_repaired.Count < MaxRemembered)
        {
            lookup[text] = state;
        }

        return state != SocketState.Unknown;
    }
}
