using PortDoctor.Core;

namespace PortDoctor.Reporting.Charts;

/// <summary>
/// ScottPlot draws with SkiaSharp, whose native library (libSkiaSharp.so, libSkiaSharp.dylib,
/// libSkiaSharp.dll) ships beside the binary and loads on the first chart. Without it the
/// runtime throws from a type initializer; the user gets one line saying what is missing instead.
/// </summary>
internal static class SkiaLibrary
{
    public static T Call<T>(Func<T> draw)
    {
        try
        {
            return draw();
        }
        catch (Exception e) when (Missing(e) is { } missing)
        {
            throw new PortDoctorException(
                $"charts need SkiaSharp's native library, which did not load ({missing.Message.Split('\n')[0].Split(". ")[0].Trim()}): " +
                "keep libSkiaSharp and libHarfBuzzSharp next to the portdoctor binary, as the publish folder has them",
                ExitCode.Unavailable, e);
        }
    }

    /// <summary>The DllNotFoundException behind <paramref name="e"/> (type initializers wrap it), or null.</summary>
    internal static DllNotFoundException? Missing(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is DllNotFoundException missing)
            {
                return missing;
            }
        }

        return null;
    }
}
