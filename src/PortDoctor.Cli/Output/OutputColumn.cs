namespace PortDoctor.Cli.Output;

/// <summary>A column of the table and CSV views: its header and the invariant-culture text of a row's cell.</summary>
internal sealed record OutputColumn<T>(string Header, Func<T, string?> Value)
{
    public bool AlignRight { get; init; }
}
