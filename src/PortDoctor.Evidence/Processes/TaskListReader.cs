namespace PortDoctor.Evidence.Processes;

/// <summary>Reads tasklist output; see <see cref="TaskListFormat"/>.</summary>
internal sealed class TaskListReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;
    private List<(int Start, int End)>? _columns;
    private int _csvPid = 1;

    public TaskListReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
    }

    /// <summary>Where PID is in a /fo csv header ("Image Name","PID",...; PID is not translated); null when the line is none.</summary>
    public static int? CsvHeaderPid(string line)
    {
        if (!line.StartsWith('"'))
        {
            return null;
        }

        var cells = CsvLine.Split(line);
        var pid = cells.IndexOf("PID");
        return pid > 0 && cells.Count is >= 3 and <= 10 ? pid : null;
    }

    /// <summary>A /fo csv row: "svchost.exe","1060","Services","0","25,316 K" (and /v's four more cells).</summary>
    public static bool IsCsvRow(List<string> cells) =>
        cells.Count is 5 or 9 && ListedProcess.TryNumber(cells[1], out _) &&
        (cells[4].EndsWith(" K", StringComparison.Ordinal) || cells[4].EndsWith(" KB", StringComparison.Ordinal));

    public void Line(ReadOnlySpan<char> line, long number)
    {
        var text = line.ToString();
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || PromptLine.Is(text) || PastedMarkup.IsNoise(text))
        {
            return;
        }

        if (trimmed.StartsWith("===", StringComparison.Ordinal))
        {
            _columns = DashedColumns.Of(text, '=');
            return;
        }

        if (CsvHeaderPid(trimmed) is { } pid)
        {
            _csvPid = pid;
            return;
        }

        if (TaskListLines.IsHeaderOrRule(trimmed))
        {
            return;
        }

        if (!TryRow(text, trimmed, out var image, out var id))
        {
            _collector.Unreadable(number);
        }
        else if (image.Length > 0 && ListedProcess.TryCreate(id, null, image, out var process, out _) && process is not null)
        {
            _collector.ListedProcesses.Add(process);
        }
    }

    public void Finish() =>
        _collector.Note(new Note(NoteKind.TaskListProcesses));

    /// <summary>The image name and PID of a row: from the '=' rule's columns, CSV cells, or a bare row's fields.</summary>
    private bool TryRow(string text, string trimmed, out string image, out string? pid)
    {
        if (trimmed.StartsWith('"'))
        {
            var cells = CsvLine.Split(trimmed);
            (image, pid) = (cells[0], _csvPid < cells.Count ? cells[_csvPid] : null);
            return pid is not null && ListedProcess.TryNumber(pid, out _);
        }

        if (_columns is [var first, var second, ..])
        {
            image = Slice(text, first).Trim();
            pid = Slice(text, second).Trim();

            // A /svc row's services wrapped onto a line of their own leave both cells blank.
            return (image.Length == 0 && pid.Length == 0) || ListedProcess.TryNumber(pid, out _);
        }

        var bare = TaskListLines.TryRow(trimmed, out var number, out image);
        pid = bare ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return bare;
    }

    private static string Slice(string text, (int Start, int End) column) =>
        column.Start >= text.Length ? "" : text[column.Start..Math.Min(column.End, text.Length)];
}
