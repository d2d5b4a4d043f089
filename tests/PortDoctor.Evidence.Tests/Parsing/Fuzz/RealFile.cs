using System.Diagnostics;
using PortDoctor.Evidence;

namespace PortDoctor.Evidence.Tests.Parsing.Fuzz;

/// <summary>A fuzz input read the way the CLI reads `--from`: as a regular file on disk, or through a FIFO a writer thread fills.</summary>
internal static class RealFile
{
    public static EvidenceSet Read(string name, byte[] input, EvidenceReadOptions options, bool fifo)
    {
        var dir = Directory.CreateTempSubdirectory("pdo-fuzz-");
        try
        {
            var path = Path.Combine(dir.FullName, name);
            if (!fifo)
            {
                File.WriteAllBytes(path, input);
                return EvidenceReader.Read([path], options);
            }

            using (var mkfifo = Process.Start("mkfifo", [path]))
            {
                mkfifo.WaitForExit();
            }

            // The writer stops quietly when the reader gave up early (EPIPE): the read's own answer is what is checked.
            var writer = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        using var pipe = new FileStream(path, FileMode.Open, FileAccess.Write);
                        pipe.Write(input);
                    }
                    catch (IOException)
                    {
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning, // its own thread: the reader blocks in open() until the writer opens
                TaskScheduler.Default);
            try
            {
                return EvidenceReader.Read([path], options);
            }
            finally
            {
                // A reader that failed before opening the FIFO leaves the writer blocked in open: open it to release it.
                if (!writer.Wait(TimeSpan.FromSeconds(1)))
                {
                    using var release = new FileStream(path, FileMode.Open, FileAccess.Read);
                    writer.Wait();
                }
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
