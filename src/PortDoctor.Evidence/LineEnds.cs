namespace PortDoctor.Evidence;

/// <summary>Receives one line (without its line end) cut from a buffer.</summary>
internal delegate void LineHandler<T>(ReadOnlySpan<T> line);

/// <summary>
/// Where lines end in a buffer of characters or bytes: CR, LF and CRLF, also when a CRLF is split
/// across two reads. Shared by <see cref="LineSource"/> (text) and <see cref="Utf8LineSource"/> (bytes).
/// </summary>
internal static class LineEnds
{
    /// <summary>
    /// Hands on every complete line of <paramref name="span"/>; returns where the unfinished rest
    /// begins. <paramref name="pendingCr"/> carries a CR that ended the previous read (its LF, if
    /// any, is at the start of this one: <paramref name="fresh"/> says nothing was kept from before).
    /// </summary>
    public static int Cut<T>(ReadOnlySpan<T> span, T cr, T lf, bool fresh, ref bool pendingCr, LineHandler<T> onLine)
        where T : struct, IEquatable<T>
    {
        var start = 0;
        if (pendingCr && fresh && span.Length > 0 && span[0].Equals(lf))
        {
            start = 1;
        }

        pendingCr = false;
        while (true)
        {
            var rest = span[start..];
            var end = rest.IndexOfAny(lf, cr);
            if (end < 0)
            {
                return start;
            }

            onLine(rest[..end]);
            start += end + 1;
            if (rest[end].Equals(cr))
            {
                if (start < span.Length)
                {
                    if (span[start].Equals(lf))
                    {
                        start++;
                    }
                }
                else
                {
                    pendingCr = true;
                }
            }
        }
    }
}
