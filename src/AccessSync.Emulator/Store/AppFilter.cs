namespace AccessSync.Emulator.Store;

/// <summary>
/// The apps list's filters. Matching ignores letter case; <see cref="Exact"/> asks for whole-value equality on name
/// and domain instead of a substring; <see cref="Search"/> matches a substring of name, domain or aud.
/// </summary>
internal sealed record AppFilter(string? Name, string? Domain, string? Aud, string? Search, bool Exact)
{
    public bool Matches(AppRecord app)
    {
        var name = Json.AsString(app.Fields["name"]);
        var domain = Json.AsString(app.Fields["domain"]);
        var aud = Json.AsString(app.Fields["aud"]);
        return Match(name, Name, Exact)
            && Match(domain, Domain, Exact)
            && Match(aud, Aud, exact: true)
            && (Search is null || new[] { name, domain, aud }.Any(v => Match(v, Search, exact: false)));
    }

    private static bool Match(string? value, string? wanted, bool exact) =>
        wanted is null
        || (value is not null && (exact
            ? string.Equals(value, wanted, StringComparison.OrdinalIgnoreCase)
            : value.Contains(wanted, StringComparison.OrdinalIgnoreCase)));
}
