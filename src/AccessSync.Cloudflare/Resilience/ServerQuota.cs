using System.Globalization;
using System.Net.Http.Headers;

namespace AccessSync.Cloudflare.Resilience;

/// <summary>
/// What the API says of its request quota on every answer (API-FACTS §5): what is left, from the <c>Ratelimit</c>
/// header (<c>"default";r=50;t=30</c>: 50 requests remain, and the quota is whole again in 30 seconds), and the quota
/// itself, from <c>Ratelimit-Policy</c> (<c>"default";q=1200;w=300</c>: 1,200 requests in any 300 seconds).
/// </summary>
/// <param name="Remaining">Requests the API still allows before the quota resets (<c>r</c>).</param>
/// <param name="Reset">Time until the quota is whole again (<c>t</c>).</param>
/// <param name="Policy">The quota, when the answer names it.</param>
public sealed record ServerQuota(int Remaining, TimeSpan Reset, RequestBudget? Policy = null)
{
    private const string HeaderName = "Ratelimit";
    private const string PolicyHeaderName = "Ratelimit-Policy";

    /// <summary>
    /// The quota an answer's headers give, or null when it has none or it cannot be read. When the header names several
    /// quotas (a list of items), the one with the fewest requests left binds.
    /// </summary>
    public static ServerQuota? From(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!headers.TryGetValues(HeaderName, out var values))
        {
            return null;
        }

        var left = Tightest(values, "r", "t", (r, t) => new ServerQuota(r, TimeSpan.FromSeconds(t)), q => q.Remaining);
        var policy = headers.TryGetValues(PolicyHeaderName, out var policies)
            ? Tightest(policies, "q", "w", (q, w) => q > 0 && w > 0 ? new RequestBudget(q, TimeSpan.FromSeconds(w)) : null, b => b.Requests)
            : null;
        return left is null ? null : left with { Policy = policy };
    }

    /// <summary>
    /// Of a header's list items (a name, then <c>;key=value</c> parameters), the one with the least of its first
    /// parameter, made from the two parameters named; items without both are skipped.
    /// </summary>
    private static T? Tightest<T>(IEnumerable<string> values, string first, string second, Func<int, int, T?> make, Func<T, int> size)
        where T : class
    {
        T? tightest = null;
        foreach (var item in values.SelectMany(v => v.Split(',')))
        {
            if (Parameter(item, first) is { } a && Parameter(item, second) is { } b && make(a, b) is { } candidate
                && (tightest is null || size(candidate) < size(tightest)))
            {
                tightest = candidate;
            }
        }

        return tightest;
    }

    /// <summary>A whole, non-negative parameter of one list item, or null when it has none or another form.</summary>
    private static int? Parameter(string item, string name)
    {
        foreach (var parameter in item.Split(';').Skip(1))
        {
            var separator = parameter.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0 && parameter[..separator].Trim() == name
                && int.TryParse(parameter[(separator + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
