using PortDoctor.Core.Parsing.Formats;

namespace PortDoctor.Core.Parsing;

/// <summary>Every format we read, in the order ties are broken.</summary>
public static class EvidenceFormats
{
    public static IReadOnlyList<IEvidenceFormat> All { get; } =
    [
        new WindowsNetstatFormat(),
    ];

    public static IEvidenceFormat? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
