using AccessSync.Core.Schema;

namespace AccessSync.Core.Planning;

/// <summary>The outcome of finding one live object by a name a file gave.</summary>
internal abstract record Lookup<T>
{
    public sealed record Found(T Value) : Lookup<T>;

    public sealed record NotFound(string Message) : Lookup<T>;

    public sealed record Ambiguous(string Message) : Lookup<T>;
}

/// <summary>
/// Finds live objects by id or name the way a person means them: an exact id, else an exact name, else a name
/// in another letter case. A miss lists what there is (nearest first); an ambiguity lists the candidates.
/// </summary>
internal static class NameLookup
{
    private const int MaxListed = 8;

    public static Lookup<T> Find<T>(IReadOnlyCollection<T> candidates, string wanted, Func<T, string> id, Func<T, string> name, string what) =>
        Decide(
            [.. candidates.Where(c => string.Equals(id(c), wanted, StringComparison.OrdinalIgnoreCase))],
            () => [.. candidates.Where(c => name(c) == wanted)],
            () => [.. candidates.Where(c => string.Equals(name(c), wanted, StringComparison.OrdinalIgnoreCase))],
            candidates,
            wanted,
            id,
            name,
            what);

    /// <summary>
    /// The one rule, whether the candidates were scanned or indexed: the one candidate with the id, else the ones with
    /// the very name, else the ones with the name in another letter case.
    /// </summary>
    internal static Lookup<T> Decide<T>(
        IReadOnlyList<T> withId,
        Func<IReadOnlyList<T>> withName,
        Func<IReadOnlyList<T>> withNameInAnyCase,
        IReadOnlyCollection<T> candidates,
        string wanted,
        Func<T, string> id,
        Func<T, string> name,
        string what)
    {
        if (withId.Count == 1)
        {
            return new Lookup<T>.Found(withId[0]);
        }

        var exact = withName();
        var matches = exact.Count > 0 ? exact : withNameInAnyCase();
        return matches.Count switch
        {
            1 => new Lookup<T>.Found(matches[0]),
            0 => new Lookup<T>.NotFound($"no {what} is named `{wanted}`{Known(candidates.Select(name), wanted)}"),
            _ => new Lookup<T>.Ambiguous(
                $"{matches.Count} {what}s are named `{wanted}`: {string.Join(", ", matches.Select(m => id(m)).Order(StringComparer.Ordinal))}; give the id instead"),
        };
    }

    /// <summary>The first candidate named <paramref name="wanted"/> exactly, else in another letter case; null when none is.</summary>
    public static T? ByName<T>(IReadOnlyCollection<T> candidates, string wanted, Func<T, string> name)
        where T : class =>
        candidates.FirstOrDefault(c => name(c) == wanted)
        ?? candidates.FirstOrDefault(c => string.Equals(name(c), wanted, StringComparison.OrdinalIgnoreCase));

    private static string Known(IEnumerable<string> names, string wanted)
    {
        var all = names.Distinct(StringComparer.Ordinal).ToList();
        if (all.Count == 0)
        {
            return " (there are none)";
        }

        var nearest = all
            .OrderBy(n => EditDistance.Levenshtein(wanted.ToLowerInvariant(), n.ToLowerInvariant()))
            .ThenBy(n => n, StringComparer.Ordinal)
            .Take(MaxListed)
            .Select(n => $"`{n}`");
        return $"; known: {string.Join(", ", nearest)}{(all.Count > MaxListed ? $" and {all.Count - MaxListed} more" : string.Empty)}";
    }
}
