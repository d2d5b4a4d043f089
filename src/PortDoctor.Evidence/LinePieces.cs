namespace PortDoctor.Evidence;

/// <summary>
/// Structured readers (JSON, XML) rebuild their text from the lines they are fed. LineSource and
/// Utf8LineSource cut a line over 1 MiB into pieces of exactly <see cref="CutLength"/> units, as
/// <c>ConvertTo-Json -Compress</c> or a one-line XML export produce: such a piece is joined to the
/// next without the line break that would otherwise land inside a token.
/// </summary>
internal static class LinePieces
{
    /// <summary>The line sources' cut (their MaxLine): keep in step with LineSource and Utf8LineSource.</summary>
    public const int CutLength = Utf8LineSource.MaxLine;

    /// <summary>True when the line was a piece of a longer line rather than a whole one.</summary>
    public static bool IsCut(int length) => length == CutLength;
}
