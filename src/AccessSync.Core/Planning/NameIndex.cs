namespace AccessSync.Core.Planning;

/// <summary>
/// Candidates indexed by id and by name, to be found as <see cref="NameLookup.Find{T}"/> finds them: a plan looks up
/// every file's application and every named group among all live ones, so a lookup is a hash probe, not a scan.
/// </summary>
internal sealed class NameIndex<T>
{
    private readonly IReadOnlyCollection<T> candidates;
    private readonly Func<T, string> id;
    private readonly Func<T, string> name;
    private readonly Dictionary<string, List<T>> byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<T>> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<T>> byNameInAnyCase = new(StringComparer.OrdinalIgnoreCase);

    public NameIndex(IReadOnlyCollection<T> candidates, Func<T, string> id, Func<T, string> name)
    {
        this.candidates = candidates;
        this.id = id;
        this.name = name;
        foreach (var candidate in candidates)
        {
            Add(byId, id(candidate), candidate);
            Add(byName, name(candidate), candidate);
            Add(byNameInAnyCase, name(candidate), candidate);
        }
    }

    /// <summary>An exact id, else an exact name, else a name in another letter case; see <see cref="NameLookup"/>.</summary>
    public Lookup<T> Find(string wanted, string what) => NameLookup.Decide(
        byId.GetValueOrDefault(wanted) ?? [],
        () => byName.GetValueOrDefault(wanted) ?? [],
        () => byNameInAnyCase.GetValueOrDefault(wanted) ?? [],
        candidates,
        wanted,
        id,
        name,
        what);

    /// <summary>The first candidate whose id is <paramref name="wanted"/> in any letter case; null when none is.</summary>
    public T? ById(string wanted) => byId.TryGetValue(wanted, out var withId) ? withId[0] : default;

    private static void Add(Dictionary<string, List<T>> index, string key, T candidate)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(candidate);
    }
}
