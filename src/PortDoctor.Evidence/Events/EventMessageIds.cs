namespace PortDoctor.Evidence.Events;

/// <summary>
/// Recognises 4227 and 4231 by their message when an excerpt kept the text but not the id (an
/// Event Viewer description pasted alone, a forum post quoting it). Only the English texts are
/// listed: they are the ones seen in public samples (Microsoft's event reference, eventid.net,
/// microsoft/WSL#2913); a translated message is not guessed at.
/// </summary>
internal static class EventMessageIds
{
    private static readonly (string Text, int Id)[] Messages =
    [
        ("TCP/IP failed to establish an outgoing connection because the selected local endpoint was recently used", 4227),
        ("A request to allocate an ephemeral port number from the global TCP port space has failed", 4231),
    ];

    /// <summary>4227, 4231, or 0 when the message is neither.</summary>
    public static int IdOf(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return 0;
        }

        foreach (var (text, id) in Messages)
        {
            if (message.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return id;
            }
        }

        return 0;
    }
}
