namespace PortDoctor.Core.Model;

/// <summary>A contiguous run of ports, as netsh describes it: a start and a count.</summary>
public readonly record struct PortRange(int Start, int Count)
{
    public int End => Start + Count - 1;

    public static PortRange FromBounds(int start, int end) => new(start, end - start + 1);

    public bool Contains(int port) => port >= Start && port <= End;

    public override string ToString() => $"{Start}-{End}";
}
