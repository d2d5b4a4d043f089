namespace PortDoctor.Tests.Shared;

/// <summary>
/// Debian's Wine 8 (64-bit) for tests that run PortDoctor's Windows code for real. The win-x64
/// builds are published once per run by scripts/test.sh (self-contained, not NativeAOT) into the
/// folder named by <see cref="PublishVariable"/>; each test runs them in its own Wine prefix and
/// removes it afterwards. Linked into several test projects.
/// </summary>
internal static class Wine
{
    /// <summary>The folder holding the win-x64 publishes: <c>smoke/</c> and <c>cli/</c>.</summary>
    public const string PublishVariable = "PORTDOCTOR_TEST_WINE";

    public const string SkipReason = "Wine is not installed (.ci/run installs Debian's wine64); the Windows smoke tests need it";

    private static readonly string[] Candidates = ["/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/bin/wine"];

    /// <summary>The wine64 loader, or null (then the test skips: .ci/run installs it).</summary>
    public static string? Find() => OperatingSystem.IsLinux() ? Candidates.FirstOrDefault(File.Exists) : null;

    /// <summary>
    /// The prebuilt <paramref name="exe"/> in the <paramref name="folder"/> publish of this run, or
    /// null with the reason to skip: how to produce it.
    /// </summary>
    public static (string? Exe, string SkipReason) Published(string folder, string exe)
    {
        var root = Environment.GetEnvironmentVariable(PublishVariable);
        var path = string.IsNullOrEmpty(root) ? null : Path.Combine(root, folder, exe);
        return path is not null && File.Exists(path)
            ? (path, "")
            : (null, $"the win-x64 build {folder}/{exe} is not there ({PublishVariable}={root ?? "(unset)"}): "
                + "run `bash scripts/test.sh`, which publishes it into artifacts/test-wine/ before the tests, "
                + $"or `bash scripts/test.sh --publish-wine` once and then `export {PublishVariable}=$PWD/artifacts/test-wine`");
    }

    /// <summary>The wine64 loader and the prebuilt <paramref name="exe"/>, or the test is skipped saying what is missing.</summary>
    public static (string Wine, string Exe) RequireOrSkip(string folder, string exe)
    {
        var wine = Find();
        if (wine is null)
        {
            Xunit.Assert.Skip(SkipReason);
        }

        var (path, skip) = Published(folder, exe);
        if (path is null)
        {
            Xunit.Assert.Skip(skip);
        }

        return (wine, path);
    }

    /// <summary>A program's stderr without Wine's own lines ("wine: created the configuration directory ...").</summary>
    public static string[] OwnLines(string error) =>
        [.. error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("wine:", StringComparison.Ordinal))];

    /// <summary>
    /// A new Wine prefix in its own temp folder (the first program run there creates it, ~10 s).
    /// Disposing stops the prefix's wineserver and deletes the folder, pass or fail.
    /// </summary>
    public static WinePrefix NewPrefix(string wine) => new(wine);
}
