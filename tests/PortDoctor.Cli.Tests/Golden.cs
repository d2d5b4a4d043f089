using Xunit;

namespace PortDoctor.Cli.Tests;

/// <summary>
/// Output a person reads, compared to checked-in files under Fixtures/Golden. To accept a change,
/// run with PORTDOCTOR_UPDATE_GOLDEN=&lt;that folder in the source tree&gt; and review the diff.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string name, string actual)
    {
        if (Environment.GetEnvironmentVariable("PORTDOCTOR_UPDATE_GOLDEN") is { Length: > 0 } sourceDir)
        {
            File.WriteAllText(Path.Combine(sourceDir, name), actual);
        }

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Golden", name));
        Assert.True(expected == actual, $"{name} differs from the golden file:\n--- expected\n{expected}\n--- actual\n{actual}");
    }
}
