using Spectre.Console;

namespace PortDoctor.Cli.Output;

/// <summary>A Spectre table; ASCII rules and no colour when the console is not a terminal.</summary>
internal sealed class TableOutputWriter(IAnsiConsole console) : IOutputWriter
{
    public void Write<T>(OutputDocument<T> document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var table = new Table().Border(RuledTableBorder.Instance);
        if (document.Title is not null)
        {
            table.Title = new TableTitle(Markup.Escape(document.Title));
        }

        foreach (var column in document.Columns)
        {
            var tableColumn = new TableColumn(Markup.Escape(column.Header)).NoWrap();
            table.AddColumn(column.AlignRight ? tableColumn.RightAligned() : tableColumn);
        }

        foreach (var row in document.Rows)
        {
            table.AddRow(document.Columns.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c.Value(row) ?? "-")).ToArray());
        }

        if (document.Caption is not null)
        {
            table.Caption = new TableTitle(Markup.Escape(document.Caption));
        }

        console.Write(table);
    }
}
