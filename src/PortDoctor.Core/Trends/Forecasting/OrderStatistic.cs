namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>
/// The k-th smallest value of a span (0-based), by quickselect with a median-of-three pivot: linear
/// on average where a sort is n log n, which matters for Theil-Sen's n(n-1)/2 pairwise slopes.
/// The span is reordered; every call is correct whatever order earlier calls left it in, and leaves
/// it split at k: no value before k is larger, none after it smaller (Theil-Sen selects its band's
/// ranks in the half that holds them). .NET has
/// no selection routine (only sorts), and Math.NET's would add a package for 30 lines.
/// </summary>
internal static class OrderStatistic
{
    public static double Select(Span<double> values, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, values.Length);
        int left = 0, right = values.Length - 1;
        while (right > left)
        {
            var pivot = MedianOfThree(values[left], values[left + ((right - left) / 2)], values[right]);
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // Now values[left..j] <= pivot <= values[i..right], and values strictly between j and i equal the pivot.
            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static double MedianOfThree(double a, double b, double c) =>
        Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
