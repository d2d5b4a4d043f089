using System.Reflection;

namespace PortDoctor.Cli;

/// <summary>This build's version, as `version` prints it and /metrics labels it.</summary>
internal static class ToolVersion
{
    public static string Current =>
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
