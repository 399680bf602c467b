namespace AccessSync.Core.Schema;

/// <summary>Suggests the known name a user most likely meant.</summary>
internal static class EditDistance
{
    /// <summary>The largest number of edits for which a suggestion is still more help than noise.</summary>
    public const int MaxSuggestionDistance = 2;

    public static string? NearestWithin(string typed, IEnumerable<string> known, int maxDistance = MaxSuggestionDistance) =>
        known
            .Select(candidate => (candidate, distance: Levenshtein(typed.ToLowerInvariant(), candidate.ToLowerInvariant())))
            .Where(c => c.distance <= maxDistance)
            .OrderBy(c => c.distance)
            .ThenBy(c => c.candidate, StringComparer.Ordinal)
            .Select(c => c.candidate)
            .FirstOrDefault();

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1.</summary>
    public static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
