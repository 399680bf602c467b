using System.Text;
using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Core.Exporting;

/// <summary>
/// A stable file name per application, from its name: <c>Grafana</c> is <c>apps/grafana.yaml</c>. Applications
/// whose names give one slug are told apart by their domain, else by their id, so the same estate always gives
/// the same names, whatever order the API lists it in.
/// </summary>
internal static class AppFileNames
{
    public const string Folder = ExportOptions.ApplicationsFolder;

    private const int MaxSlugLength = 60;

    public static IReadOnlyDictionary<LiveApplication, string> For(IReadOnlyCollection<LiveApplication> apps)
    {
        var names = new Dictionary<LiveApplication, string>();
        foreach (var group in apps.GroupBy(a => Slug(a.Name), StringComparer.Ordinal))
        {
            var members = group.ToList();
            var domainsTellApart = members.Count > 1
                && members.All(a => !string.IsNullOrWhiteSpace(a.Domain))
                && members.Select(a => Slug(a.Domain ?? string.Empty)).Distinct(StringComparer.Ordinal).Count() == members.Count;
            foreach (var app in members)
            {
                names[app] = members.Count == 1 ? group.Key
                    : domainsTellApart ? $"{group.Key}-{Slug(app.Domain ?? string.Empty)}"
                    : $"{group.Key}-{Slug(app.Id)}";
            }
        }

        // A suffixed name can still meet another application's plain one ("Grafana" at a.com, "Grafana a com");
        // the id settles it, ids being unique.
        foreach (var clash in names.GroupBy(n => n.Value, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList())
        {
            foreach (var (app, name) in clash)
            {
                names[app] = $"{name}-{Slug(app.Id)}";
            }
        }

        return names.ToDictionary(n => n.Key, n => $"{Folder}/{n.Value}.yaml");
    }

    /// <summary>
    /// Lower-case ASCII letters and digits, runs of anything else as one hyphen: <c>Café – Admin</c> is
    /// <c>cafe-admin</c>. Never empty, and never <c>accesssync</c>, whose file would be taken for a root config.
    /// </summary>
    public static string Slug(string text)
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

        return slug.Length == 0 ? "app"
            : RootConfig.FileName == slug + ".yaml" ? slug + "-app"
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
