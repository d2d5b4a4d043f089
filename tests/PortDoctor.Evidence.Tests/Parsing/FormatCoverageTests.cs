using PortDoctor.Core;
using PortDoctor.Evidence;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

public sealed class FormatCoverageTests
{
    [Fact]
    public void Every_format_is_detected_from_at_least_one_fixture()
    {
        var detected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Fixture.PathOf(""), "*", SearchOption.AllDirectories))
        {
            try
            {
                detected.UnionWith(EvidenceReader.Read([file], null, TestContext.Current.CancellationToken).Sources.Select(s => s.Format));
            }
            catch (PortDoctorException)
            {
                // binary.bin and fixtures of other test classes that are meant to fail.
            }
        }

        Assert.Empty(EvidenceFormats.All.Select(f => f.Name).Except(detected));
    }
}
