namespace PortDoctor.Evidence.Text;

/// <summary>
/// PowerShell's Format-Table underlines each label with dashes as wide as the label (tasklist
/// with '='): the runs of dashes give where each column starts and ends.
/// </summary>
internal static class DashedColumns
{
    public static List<(int Start, int End)> Of(string dashes, char rule = '-')
    {
        var columns = new List<(int Start, int End)>();
        var i = 0;
        while (i < dashes.Length)
        {
            if (dashes[i] != rule)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < dashes.Length && dashes[i] == rule)
            {
                i++;
            }

            columns.Add((start, i));
        }

        return columns;
    }

    /// <summary>The header text above a column, or "" past the header's end.</summary>
    public static string Label(string header, (int Start, int End) column) =>
        header[Math.Min(column.Start, header.Length)..Math.Min(column.End, header.Length)].Trim();
}
