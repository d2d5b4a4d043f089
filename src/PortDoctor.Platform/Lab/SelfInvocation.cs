namespace PortDoctor.Platform.Lab;

/// <summary>
/// How to start this same binary again (the lab runs its workload and diagnose as children):
/// the native or apphost executable, or `dotnet portdoctor.dll` when run through the host.
/// </summary>
public sealed record SelfInvocation(string FileName, IReadOnlyList<string> PrefixArguments)
{
    public static SelfInvocation Current()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown");
        var name = Path.GetFileNameWithoutExtension(path);
        if (string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Under `dotnet portdoctor.dll`, argument 0 is the entry assembly.
            var assembly = Environment.GetCommandLineArgs()[0];
            return new SelfInvocation(path, [Path.GetFullPath(assembly)]);
        }

        return new SelfInvocation(path, []);
    }

    public IEnumerable<string> Arguments(params string[] arguments) => PrefixArguments.Concat(arguments);
}
