using System.Text;

namespace PortDoctor.Evidence.Text;

/// <summary>
/// Picks the encoding a captured file was written in: a BOM when there is one (PowerShell's
/// <c>&gt;</c> writes UTF-16LE with BOM), UTF-16 without BOM from its NUL pattern, UTF-8 when the
/// bytes are valid UTF-8, and otherwise the OEM code page cmd's <c>&gt;</c> used, chosen by which
/// decoding yields words netstat and netsh really print.
/// </summary>
internal static class EvidenceEncoding
{
    /// <summary>OEM code pages cmd.exe uses in the display languages we read.</summary>
    public static readonly IReadOnlyList<int> OemCodePages = [850, 437, 852, 866, 932, 936];

    private static readonly Lazy<bool> Registered = new(() =>
    {
        // In-box in .NET; table based, so it works with InvariantGlobalization and NativeAOT.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    public static Encoding CodePage(int codePage)
    {
        _ = Registered.Value;
        return Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    }

    /// <summary>Detects the encoding from the first bytes of a file. BomLength bytes are to be skipped.</summary>
    public static (Encoding Encoding, int BomLength, string Name) Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false), 3, "UTF-8 with BOM");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(false, false), 2, "UTF-16LE with BOM");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(true, false), 2, "UTF-16BE with BOM");
        }

        var (evenNuls, oddNuls) = CountNuls(head);
        var pairs = Math.Max(1, head.Length / 2);
        if (oddNuls > pairs / 3 && evenNuls < pairs / 20)
        {
            return (new UnicodeEncoding(false, false), 0, "UTF-16LE without BOM");
        }

        if (evenNuls > pairs / 3 && oddNuls < pairs / 20)
        {
            return (new UnicodeEncoding(true, false), 0, "UTF-16BE without BOM");
        }

        if (IsUtf8(head))
        {
            return (new UTF8Encoding(false), 0, head.ContainsAnyInRange((byte)0x80, (byte)0xFF) ? "UTF-8" : "ASCII");
        }

        var best = OemCodePages[0];
        var bestScore = int.MinValue;
        foreach (var codePage in OemCodePages)
        {
            var score = OemPlausibility.Score(CodePage(codePage).GetString(head));
            if (score > bestScore)
            {
                bestScore = score;
                best = codePage;
            }
        }

        return (CodePage(best), 0, $"OEM code page {best}");
    }

    private static (int Even, int Odd) CountNuls(ReadOnlySpan<byte> head)
    {
        int even = 0, odd = 0;
        for (var i = 0; i < head.Length; i++)
        {
            if (head[i] == 0)
            {
                if ((i & 1) == 0)
                {
                    even++;
                }
                else
                {
                    odd++;
                }
            }
        }

        return (even, odd);
    }

    private static bool IsUtf8(ReadOnlySpan<byte> head)
    {
        // A sample may end inside a multi-byte sequence: ignore up to 3 trailing bytes.
        for (var cut = 0; cut <= Math.Min(3, head.Length); cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(head[..(head.Length - cut)]))
            {
                return true;
            }
        }

        return false;
    }
}
