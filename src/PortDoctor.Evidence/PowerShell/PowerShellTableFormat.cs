namespace PortDoctor.Evidence.PowerShell;

/// <summary>
/// Get-NetTCPConnection's default table. Columns are located from the dashed line under the
/// header, so blank cells (AppliedSetting is often empty) do not shift the others. A cell cut
/// short by the console width ("fe80::1c2d:...") cannot be read and is counted; a header label
/// wrapped by it onto the next line is joined back.
/// </summary>
internal sealed class PowerShellTableFormat : IEvidenceFormat
{
    public string Name => "powershell-table";

    public string Description => "Get-NetTCPConnection default table output";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        for (var i = 0; i + 1 < sample.Lines.Count; i++)
        {
            var line = sample.Lines[i];
            if (line.Contains(PowerShellConnection.LocalAddress, StringComparison.Ordinal) && line.Contains(PowerShellConnection.State, StringComparison.Ordinal) &&
                !line.Contains(',', StringComparison.Ordinal) && !line.Contains(':', StringComparison.Ordinal) && DashesFollow(sample.Lines, i + 1))
            {
                return 95;
            }
        }

        return 0;
    }

    /// <summary>
    /// The dashes follow the header directly, or after one line: a console narrower than the
    /// table wraps the last label ("OwningPr" / "ocess") onto a line of its own.
    /// </summary>
    private static bool DashesFollow(IReadOnlyList<string> lines, int next) =>
        IsDashes(lines[next]) || (next + 1 < lines.Count && !lines[next].Contains(':', StringComparison.Ordinal) && IsDashes(lines[next + 1]));

    private static bool IsDashes(string line) => line.TrimStart().StartsWith("---", StringComparison.Ordinal);

    public IEvidenceLineReader Start(EvidenceCollector collector) => new UncoloredLines(new PowerShellTableReader(collector));
}
