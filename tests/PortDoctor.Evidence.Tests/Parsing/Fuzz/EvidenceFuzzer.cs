using System.Diagnostics;
using System.Text;
using PortDoctor.Core;
using PortDoctor.Evidence;

namespace PortDoctor.Evidence.Tests.Parsing.Fuzz;

/// <summary>
/// Mutation fuzzer over every fixture: flips and inserts bytes, cuts, splices lines from other
/// formats, injects NULs, BOMs, over-long lines and odd Unicode, then reads the result both
/// auto-detected and forced through each format. The only acceptable failure is a
/// <see cref="PortDoctorException"/> (a one-line user error); anything else is a crash, and so is
/// an input that takes more than <see cref="TimeBudget"/> or allocates more than
/// <see cref="MemoryBudget"/> (issue 10: bad input costs bounded time and memory). Some inputs are
/// read as real files: a regular file, a FIFO, and the host's /proc/net/tcp.
/// </summary>
internal sealed class EvidenceFuzzer
{
    private static readonly string[] Tokens =
    [
        "TCP", "UDP", "tcp6", "[::]:", "*:*", "0.0.0.0:0", "%12]", "LISTENING", "TIME_WAIT", "ABHÖREN", "СЛУШАЕТ", "users:((\"x\",pid=",
        "\r", "\n", "\r\n", "\t", ":", "-----", "\"", ",", "{", "}", "[", "]", "<Event>", "</Event>", "Event ID: 4231", "99999999999",
        "-1", "65536", "Start Port : ", "\uFEFF", "\0", "\uFFFD", "™", "Mon 01/15/2024 14:30:00.12", "31.02.2024 25:61:00,00",
    ];

    /// <summary>Per input (inputs are at most a few hundred KB; a quadratic path takes minutes).</summary>
    public static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(10);

    /// <summary>Bytes allocated per input, over 64 per input byte (4 million objects from 82 bytes took 977 MB).</summary>
    public const long MemoryBudget = 256L << 20;

    private readonly List<(string Name, byte[] Bytes)> _corpus;
    private readonly Random _random;

    public EvidenceFuzzer(IEnumerable<string> files, int seed)
    {
        _corpus = files.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).Where(c => c.Item2.Length > 0).ToList();
        _random = new Random(seed);
    }

    public long Runs { get; private set; }

    /// <summary>Runs until the budget is spent; returns the first crash (input saved for replay) or null.</summary>
    /// <summary>Mutates and reads until the budget is spent (at least <paramref name="minRuns"/> runs, at most <paramref name="maxRuns"/>); the first crash, or null.</summary>
    public string? Run(TimeSpan budget, int minRuns, int maxRuns, string crashDirectory)
    {
        var clock = Stopwatch.StartNew();
        while ((clock.Elapsed < budget || Runs < minRuns) && Runs < maxRuns)
        {
            var (name, original) = _corpus[_random.Next(_corpus.Count)];
            var input = Mutate(original);
            var format = _random.Next(3) == 0 ? null : EvidenceFormats.All[_random.Next(EvidenceFormats.All.Count)].Name;
            Runs++;
            try
            {
                // One run in four goes through the parallel reader, in small chunks so that cuts fall everywhere.
                var options = _random.Next(4) == 0
                    ? new EvidenceReadOptions { Format = format, ParallelMinBytes = 0, ParallelChunkBytes = 1 + _random.Next(512), ParallelWorkers = 2 }
                    : new EvidenceReadOptions { Format = format };
                var (kind, took, allocated, evidence) = Budgeted(name, input, options, _random.Next(20));
                Check(evidence);
                if (took > TimeBudget || allocated > MemoryBudget + (64L * input.Length))
                {
                    throw new InvalidOperationException($"over budget reading a {input.Length}-byte input as {kind}: {took.TotalSeconds:0.0} s, {allocated >> 20} MB allocated");
                }
            }
            catch (PortDoctorException ex) when (!ex.Message.Contains('\n', StringComparison.Ordinal))
            {
                // A one-line user error is a correct answer to garbage.
            }
            catch (Exception ex)
            {
                Directory.CreateDirectory(crashDirectory);
                var saved = Path.Combine(crashDirectory, $"crash-{Runs}-{name}");
                File.WriteAllBytes(saved, input);
                return $"{ex.GetType().Name}: {ex.Message} (format {format ?? "auto"}, input saved to {saved})\n{ex.StackTrace}";
            }
        }

        return null;
    }

    /// <summary>Reads the input from memory, or (one in 20 each) from a real file, a FIFO or /proc/net/tcp; with its time and bytes allocated.</summary>
    private static (string Kind, TimeSpan Took, long Allocated, EvidenceSet Evidence) Budgeted(string name, byte[] input, EvidenceReadOptions options, int way)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        var (kind, evidence) = way switch
        {
            0 when OperatingSystem.IsLinux() => ("a file", RealFile.Read(name, input, options, fifo: false)),
            1 when OperatingSystem.IsLinux() => ("a FIFO", RealFile.Read(name, input, options, fifo: true)),
            2 when File.Exists("/proc/net/tcp") => ("/proc/net/tcp", EvidenceReader.Read(["/proc/net/tcp"], options with { Format = null })),
            _ => ("memory", EvidenceReader.Read(name, new MemoryStream(input), options, DateTimeOffset.UnixEpoch)),
        };
        return (kind, clock.Elapsed, GC.GetTotalAllocatedBytes(precise: false) - allocated, evidence);
    }

    private static void Check(EvidenceSet evidence)
    {
        foreach (var socket in evidence.Latest.Sockets)
        {
            if (socket.Local.Port is < 0 or > 65535 || socket.Remote.Port is < 0 or > 65535 || socket.Local.Address is null)
            {
                throw new InvalidOperationException($"impossible socket {socket}");
            }
        }

        foreach (var source in evidence.Sources)
        {
            if (source.UnreadableLines.Count > source.UnreadableCount || source.Contribution.Contains('\n', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"inconsistent report for {source.Path}");
            }
        }
    }

    private byte[] Mutate(byte[] original)
    {
        var data = new List<byte>(original);
        var rounds = 1 + _random.Next(8);
        for (var i = 0; i < rounds; i++)
        {
            var at = data.Count == 0 ? 0 : _random.Next(data.Count);
            switch (_random.Next(9))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    data.Insert(at, (byte)_random.Next(256));
                    break;
                case 2 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(64)));
                    break;
                case 3:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 4:
                    data.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[_random.Next(Tokens.Length)]));
                    break;
                case 5:
                    var (_, other) = _corpus[_random.Next(_corpus.Count)];
                    var from = _random.Next(other.Length);
                    data.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + _random.Next(400))).ToArray());
                    break;
                case 6 when data.Count > 0:
                    var length = Math.Min(data.Count - at, 1 + _random.Next(200));
                    var chunk = data.GetRange(at, length);
                    for (var copies = _random.Next(1, 20); copies > 0; copies--)
                    {
                        data.InsertRange(at, chunk);
                    }

                    break;
                case 7:
                    data.InsertRange(at, Enumerable.Repeat((byte)'A', _random.Next(70_000)));
                    break;
                default:
                    data.InsertRange(at, Encoding.Unicode.GetBytes(Tokens[_random.Next(Tokens.Length)]));
                    break;
            }
        }

        return [.. data];
    }
}
