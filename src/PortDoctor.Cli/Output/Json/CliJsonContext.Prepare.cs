using System.Text.Json.Serialization.Metadata;

namespace PortDoctor.Cli.Output.Json;

internal sealed partial class CliJsonContext
{
    /// <summary>
    /// Builds <see cref="Readable"/>'s metadata of <paramref name="root"/> and of every type it holds on a thread of its own,
    /// as a first serialization would (~3 ms of `diagnose --from FILE --format json`, after the read;
    /// docs/benchmarks.md). Started before a long read, it runs while the read starts and leaves a
    /// core idle. The serializer's metadata cache is thread-safe: a serialization that comes first
    /// builds what it needs itself, or waits for the type being built.
    /// </summary>
    public static void PrepareInBackground(Type root) =>
        new Thread(() => Prepare(Readable.Options.GetTypeInfo(root), [])) { IsBackground = true, Name = "portdoctor-json" }.Start();

    private static void Prepare(JsonTypeInfo info, HashSet<Type> seen)
    {
        if (!seen.Add(info.Type))
        {
            return;
        }

        var held = info.Properties.Select(p => p.PropertyType).Append(info.ElementType).Append(info.KeyType);
        foreach (var type in held.OfType<Type>())
        {
            // GetTypeInfo builds and caches the type's metadata, as a serialization asks for it.
            Prepare(info.Options.GetTypeInfo(type), seen);
        }
    }
}
