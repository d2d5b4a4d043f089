using SkiaSharp;

namespace PortDoctor.Reporting.Tests;

/// <summary>A decoded image (SkiaSharp, which ScottPlot brings) as RGB pixels.</summary>
internal sealed class Pixels
{
    private readonly SKColor[] _pixels;

    private Pixels(SKBitmap bitmap)
    {
        Width = bitmap.Width;
        Height = bitmap.Height;
        _pixels = bitmap.Pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public static Pixels Decode(byte[] encoded)
    {
        using var bitmap = SKBitmap.Decode(encoded) ?? throw new InvalidDataException("not an image Skia can decode");
        return new Pixels(bitmap);
    }

    public SKColor this[int x, int y] => _pixels[(y * Width) + x];

    /// <summary>How many pixels of the rectangle are within <paramref name="tolerance"/> of <paramref name="color"/> per channel.</summary>
    public int Count(SKColor color, int tolerance, int x0 = 0, int y0 = 0, int width = -1, int height = -1)
    {
        width = width < 0 ? Width - x0 : width;
        height = height < 0 ? Height - y0 : height;
        int count = 0;
        for (int y = y0; y < y0 + height; y++)
        {
            for (int x = x0; x < x0 + width; x++)
            {
                count += Near(this[x, y], color, tolerance) ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>The variance of the pixels' brightness over the rectangle: 0 for a blank region.</summary>
    public double Variance(int x0, int y0, int width, int height)
    {
        double sum = 0, squares = 0;
        for (int y = y0; y < y0 + height; y++)
        {
            for (int x = x0; x < x0 + width; x++)
            {
                var c = this[x, y];
                double v = (c.Red + c.Green + c.Blue) / 3.0;
                sum += v;
                squares += v * v;
            }
        }

        double n = (double)width * height;
        return (squares / n) - ((sum / n) * (sum / n));
    }

    /// <summary>
    /// Where <paramref name="image"/> appears 1:1 in this image: the first place where every
    /// twelfth row of it matches (98% of its pixels within a small tolerance), or null.
    /// </summary>
    public (int X, int Y)? Find(Pixels image)
    {
        var probe = ProbeRow(image);
        var keys = Enumerable.Range(0, image.Width).Where(x => !Near(image[x, probe], SKColors.White, 8)).Take(40).ToArray();
        for (int y = probe; y <= Height - image.Height + probe; y++)
        {
            for (int x = 0; x <= Width - image.Width; x++)
            {
                if (keys.All(k => Near(this[x + k, y], image[k, probe], 10)) && Matches(image, x, y - probe))
                {
                    return (x, y - probe);
                }
            }
        }

        return null;
    }

    private bool Matches(Pixels image, int x0, int y0)
    {
        int total = 0, near = 0;
        for (int y = 0; y < image.Height; y += 12)
        {
            for (int x = 0; x < image.Width; x++)
            {
                total++;
                near += Near(this[x0 + x, y0 + y], image[x, y], 16) ? 1 : 0;
            }
        }

        return near >= total * 0.98;
    }

    /// <summary>The row where the colour changes most often: the one least likely to match anywhere else.</summary>
    private static int ProbeRow(Pixels image) => Enumerable.Range(0, image.Height)
        .MaxBy(y => Enumerable.Range(1, image.Width - 1).Count(x => !Near(image[x, y], image[x - 1, y], 8)));

    private static bool Near(SKColor a, SKColor b, int tolerance) =>
        Math.Abs(a.Red - b.Red) <= tolerance && Math.Abs(a.Green - b.Green) <= tolerance && Math.Abs(a.Blue - b.Blue) <= tolerance;
}
