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

    [Fact]
    public void The_sample_of_a_head_is_its_first_200_lines_without_a_line_cut_short()
    {
        // What detection looks at, against its definition: every line of the head (CRs at line ends
        // dropped), the last one left out when the head was cut short, then the first 200.
        var random = new Random(17);
        var pieces = new[] { "", "a", "  TCP    1.2.3.4:5  6.7.8.9:10  ESTABLISHED  4", "\r", "x\r\r", " \t" };
        foreach (var count in new[] { 0, 1, 2, 150, 199, 200, 201, 202, 203, 1500 })
        {
            for (var round = 0; round < 20; round++)
            {
                var text = string.Join(random.Next(3) == 0 ? "\r\n" : "\n", Enumerable.Range(0, count).Select(_ => pieces[random.Next(pieces.Length)]));
                text += random.Next(3) switch { 0 => "", 1 => "\n", _ => "\r\n" };
                foreach (var truncated in new[] { false, true })
                {
                    var expected = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
                    if (truncated && expected.Count > 1)
                    {
                        expected.RemoveAt(expected.Count - 1);
                    }

                    Assert.Equal(expected.Take(200), EvidenceReader.SampleOf(text, truncated));
                }
            }
        }
    }
}
