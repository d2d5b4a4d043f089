using PortDoctor.Core.Trends.Forecasting;
using Xunit;

namespace PortDoctor.Core.Tests.Trends.Forecasting;

public sealed class TheilSenTests
{
    public static TheoryData<int, int, int, double> Series => new()
    {
        { 1, 0, 0, 1.96 }, { 2, 1, 0, 1.96 }, { 3, 2, 0, 1.96 }, { 4, 3, 0, 1.96 }, { 5, 4, 3, 1.96 },
        { 6, 5, 0, 0 }, { 7, 6, 2, 0 }, { 8, 9, 1, 50 }, { 9, 12, 4, 1.96 }, { 10, 40, 0, 1.96 },
        { 11, 40, 5, 1.96 }, { 12, 41, 3, 0.5 }, { 13, 80, 20, 1.96 }, { 14, 81, 0, 3 }, { 15, 600, 0, 1.96 },
        { 16, 600, 50, 1.96 },
    };

    /// <summary>
    /// The slope, band and S of the selection against the definition the fit had before it selected in
    /// halves: every pairwise slope sorted, the ranks read from the sort, S from Math.Sign over every pair.
    /// Random series of 0-600 points with tied times (every <paramref name="tiedTimes"/>-th point repeats
    /// its time) and tied counts, unsorted times, bands that clamp at the ends.
    /// </summary>
    [Theory]
    [MemberData(nameof(Series))]
    public void The_slope_and_band_are_the_order_statistics_of_every_pairwise_slope(int seed, int length, int tiedTimes, double bandZ)
    {
        var random = new Random(seed);
        for (var round = 0; round < 20; round++)
        {
            var levels = 1 + random.Next(round % 2 == 0 ? 4 : 1000);
            var x = new double[length];
            var y = new double[length];
            for (var i = 0; i < length; i++)
            {
                x[i] = tiedTimes > 0 && i > 0 && i % tiedTimes == 0 ? x[i - 1] : (i - length) / 60.0 + random.NextDouble() / 1000;
                y[i] = (random.Next(levels) + (i * round / 10)) / (1.0 + random.Next(3));
            }

            if (round % 5 == 4)
            {
                random.Shuffle(x);
            }

            var slopes = new double[Math.Max(1, length * (length - 1) / 2)];
            Assert.Equal(Reference(x, y, bandZ), TheilSen.Sen(x, y, bandZ, slopes));
        }
    }

    private static SenSlope? Reference(double[] x, double[] y, double bandZ)
    {
        var slopes = new List<double>();
        long s = 0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = i + 1; j < x.Length; j++)
            {
                s += Math.Sign(y[j] - y[i]);
                if (x[j] > x[i])
                {
                    slopes.Add((y[j] - y[i]) / (x[j] - x[i]));
                }
            }
        }

        var count = slopes.Count;
        if (count < 3)
        {
            return null;
        }

        slopes.Sort();
        double n = y.Length;
        var tied = y.GroupBy(v => v).Sum(g => (double)g.Count() * (g.Count() - 1) * (2 * g.Count() + 5));
        var variance = (n * (n - 1) * (2 * n + 5) - tied) / 18;
        var c = bandZ * Math.Sqrt(variance);
        var slope = count % 2 == 1 ? slopes[count / 2] : (slopes[(count / 2) - 1] + slopes[count / 2]) / 2;
        var low = slopes[Math.Clamp((int)Math.Floor((count - c) / 2), 0, count - 1)];
        var high = slopes[Math.Clamp((int)Math.Ceiling((count + c) / 2), 0, count - 1)];
        return new SenSlope(slope, low, high, s, variance);
    }
}
