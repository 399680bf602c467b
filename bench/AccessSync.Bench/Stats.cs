using System.Globalization;

namespace AccessSync.Bench;

/// <summary>The figures every benchmark prints for a set of runs.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The lowest and highest, as "min–max".</summary>
    public static string Spread(IEnumerable<double> values)
    {
        var list = values.ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{list.Min():0}–{list.Max():0}");
    }
}

/// <summary>What a request budget of <paramref name="Requests"/> in any <paramref name="Window"/> allows, to judge a client's throughput against.</summary>
internal sealed record Budget(int Requests, TimeSpan Window)
{
    /// <summary>
    /// The least time any client keeping the budget needs to send so many requests, from an idle start: the first N go
    /// at once, the next N a window after them, and so on; zero when they fit one window (the budget does not bind).
    /// </summary>
    public TimeSpan Bound(int requests) => Window * Math.Max(0, (requests - 1) / Requests);

    /// <summary>The same at the budget's average rate, N per W, as if the requests had to be spread evenly (the old figure).</summary>
    public TimeSpan EvenPaceBound(int requests) => TimeSpan.FromSeconds(requests / (Requests / Window.TotalSeconds));

    /// <summary>The throughput against the budget: its bound over the time taken; null when the budget does not bind.</summary>
    public double? ShareOf(int requests, TimeSpan taken) => Bound(requests) > TimeSpan.Zero ? Bound(requests) / taken : null;

    /// <summary><see cref="ShareOf"/> as a percentage, or why there is none.</summary>
    public string Share(int requests, TimeSpan taken) =>
        ShareOf(requests, taken) is { } share ? string.Create(CultureInfo.InvariantCulture, $"{share:P1}") : "n/a (the budget does not bind)";
}
