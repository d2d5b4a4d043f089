using System.Globalization;
using PortDoctor.Evidence.Tests.Parsing.Fuzz;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// CI runs the fuzzer briefly; scripts/fuzz.sh sets PORTDOCTOR_FUZZ_SECONDS (and optionally
/// PORTDOCTOR_FUZZ_SEED) to run it as long as asked. It runs alone (<see cref="FuzzCollection"/>): its
/// memory budget reads the process's allocation counter, which other tests running beside it would
/// add to, and a FIFO's writer must not wait for a thread-pool thread that parallel tests hold.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class FuzzTests
{
    [Fact]
    public void Every_parser_survives_mutated_fixtures_without_crashing()
    {
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("PORTDOCTOR_FUZZ_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 4;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PORTDOCTOR_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given)
            ? given
            : Environment.TickCount;
        var maxRuns = seconds > 4 ? int.MaxValue : 3000;
        var fixtures = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*", SearchOption.AllDirectories).ToList();
        var fuzzer = new EvidenceFuzzer(fixtures, seed);

        // Some runs start the CLI on real files and FIFOs: on a loaded 2-core machine only a few fit in
        // 4 s, so at least 20 runs are made whatever the clock says.
        var crash = fuzzer.Run(TimeSpan.FromSeconds(seconds), minRuns: 20, maxRuns, Path.Combine(Path.GetTempPath(), "portdoctor-fuzz"));

        TestContext.Current.TestOutputHelper?.WriteLine($"fuzz: {fuzzer.Runs} runs in {seconds} s, seed {seed}");
        Assert.True(crash is null, $"seed {seed}: {crash}");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "fuzz, alone";
}
