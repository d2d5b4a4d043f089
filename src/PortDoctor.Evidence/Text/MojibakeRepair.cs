using System.Text;

namespace PortDoctor.Evidence.Text;

/// <summary>
/// Undoes a wrong decoding that already happened before the file reached us: cmd's OEM output
/// opened as Windows-1252 or Latin-1 ("ABH™REN" for ABHÖREN, "‘‹“˜€…’" for СЛУШАЕТ), or UTF-8
/// opened as Windows-1252 ("ABHÃ–REN"). Each candidate re-encodes the text with the page it was
/// wrongly read in and decodes it with the page it was written in.
/// </summary>
internal static class MojibakeRepair
{
    private static readonly (int Read, int Written)[] Pairs =
    [
        (1252, 65001), (28591, 65001), (1252, 850), (1252, 866), (1252, 852),
        (28591, 850), (437, 866), (850, 866), (437, 852), (1252, 932), (1252, 936),
    ];

    /// <summary>The repairs that change the text, most likely first. Empty for plain ASCII.</summary>
    public static IEnumerable<string> Candidates(string text)
    {
        if (!HasNonAscii(text))
        {
            yield break;
        }

        foreach (var (read, written) in Pairs)
        {
            if (TryRepair(text, read, written, out var repaired))
            {
                yield return repaired;
            }
        }
    }

    /// <summary>Repairs the text when one candidate turns it into words we know; otherwise returns it unchanged.</summary>
    public static string Repair(string text, Func<string, bool> isKnown)
    {
        ArgumentNullException.ThrowIfNull(isKnown);
        foreach (var candidate in Candidates(text))
        {
            if (isKnown(candidate))
            {
                return candidate;
            }
        }

        return text;
    }

    private static bool TryRepair(string text, int read, int written, out string repaired)
    {
        repaired = text;
        _ = EvidenceEncoding.CodePage(read);
        var strict = Encoding.GetEncoding(read, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        byte[] bytes;
        try
        {
            bytes = strict.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }

        Encoding target = written == 65001
            ? new UTF8Encoding(false, true)
            : Encoding.GetEncoding(written, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            repaired = target.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        return !string.Equals(repaired, text, StringComparison.Ordinal);
    }

    private static bool HasNonAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u007F')
            {
                return true;
            }
        }

        return false;
    }
}
