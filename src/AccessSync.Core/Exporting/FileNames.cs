using System.Text;
using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Core.Exporting;

/// <summary>
/// Stable file names, from what is named: the same estate always gives the same names, whatever order the API
/// lists it in.
/// </summary>
internal static class FileNames
{
    private const int MaxSlugLength = 60;

    /// <summary>
    /// One per application, from its name: <c>Grafana</c> is <c>apps/grafana.yaml</c>. Applications whose names
    /// give one slug are told apart by their domain, else by their id.
    /// </summary>
    public static IReadOnlyDictionary<LiveApplication, string> Applications(IReadOnlyCollection<LiveApplication> apps) =>
        For(apps, ExportOptions.ApplicationsFolder, a => a.Name, a => a.Domain, a => a.Id, "app");

    /// <summary>
    /// One per reusable policy, from its name: <c>Allow developers</c> is <c>reusable/allow-developers.yaml</c>.
    /// Policies whose names give one slug are told apart by their id.
    /// </summary>
    public static IReadOnlyDictionary<LivePolicy, string> ReusablePolicies(IReadOnlyCollection<LivePolicy> policies) =>
        For(policies, ExportOptions.ReusableFolder, p => p.Name, _ => null, p => p.Id, "policy");

    /// <summary>
    /// <paramref name="items"/> by the slug of their name; a slug several share is suffixed with each one's domain
    /// when those tell them apart, else with its id.
    /// </summary>
    private static Dictionary<T, string> For<T>(IReadOnlyCollection<T> items, string folder, Func<T, string> name, Func<T, string?> domain, Func<T, string> id, string fallback)
        where T : notnull
    {
        var names = new Dictionary<T, string>();
        foreach (var group in items.GroupBy(i => Slug(name(i), fallback), StringComparer.Ordinal))
        {
            var members = group.ToList();
            var domainsTellApart = members.Count > 1
                && members.All(i => !string.IsNullOrWhiteSpace(domain(i)))
                && members.Select(i => Slug(domain(i) ?? string.Empty, fallback)).Distinct(StringComparer.Ordinal).Count() == members.Count;
            foreach (var item in members)
            {
                names[item] = members.Count == 1 ? group.Key
                    : domainsTellApart ? $"{group.Key}-{Slug(domain(item) ?? string.Empty, fallback)}"
                    : $"{group.Key}-{Slug(id(item), fallback)}";
            }
        }

        // A suffixed name can still meet another one's plain name ("Grafana" at a.com, "Grafana a com"); the id
        // settles it, ids being unique.
        foreach (var clash in names.GroupBy(n => n.Value, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList())
        {
            foreach (var (item, slug) in clash)
            {
                names[item] = $"{slug}-{Slug(id(item), fallback)}";
            }
        }

        return names.ToDictionary(n => n.Key, n => $"{folder}/{n.Value}.yaml");
    }

    /// <summary>
    /// Lower-case ASCII letters and digits, runs of anything else as one hyphen: <c>Café – Admin</c> is
    /// <c>cafe-admin</c>. Never empty (<paramref name="fallback"/> instead), and never <c>accesssync</c>, whose
    /// file would be taken for a root config.
    /// </summary>
    private static string Slug(string text, string fallback)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            var lower = Fold(char.ToLowerInvariant(c));
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(lower);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxSlugLength)
        {
            slug = slug[..MaxSlugLength].TrimEnd('-');
        }

        return slug.Length == 0 ? fallback
            : RootConfig.FileName == slug + ".yaml" ? slug + "-" + fallback
            : slug;
    }

    /// <summary>
    /// A Latin letter with a diacritic as its base letter. The build runs with invariant globalization, where
    /// Unicode decomposition is not available, so the common accented letters are listed here.
    /// </summary>
    private static char Fold(char c)
    {
        var at = Accented.IndexOf(c, StringComparison.Ordinal);
        return at < 0 ? c : Bases[at];
    }

    private const string Accented = "àáâãäåāăąçćčďèéêëēėęěìíîïīįñńňòóôõöøōőŕřśšşťţùúûüūůűųýÿźżž";
    private const string Bases = "aaaaaaaaacccdeeeeeeeeiiiiiinnnoooooooorrsssttuuuuuuuuyyzzz";
}
