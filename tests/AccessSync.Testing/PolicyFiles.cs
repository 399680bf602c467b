using System.Globalization;
using System.Text;

namespace AccessSync.Testing;

/// <summary>How one generated application file differs from the application <see cref="EstateSeed"/> made.</summary>
public enum FileEdit
{
    /// <summary>The file describes the live application exactly.</summary>
    None,

    /// <summary>The first <c>n</c> policies get a longer session (8h → 12h): n updates.</summary>
    LongerSessions,

    /// <summary>A policy is added after the others, at precedence 7 (6 is the seed's reusable policy link): one create.</summary>
    AddPolicy,

    /// <summary>The last policy is left out, so pruning deletes it: one delete.</summary>
    DropLastPolicy,

    /// <summary>The first two policies swap places: a reorder.</summary>
    SwapFirstTwo,
}

/// <summary>
/// Writes one YAML file per application of an <see cref="EstateSeed"/> estate, describing its app-scoped policies as the
/// seed made them (group by name, so plan resolves names too), and the reusable policy the seed links to each (a
/// <c>use</c> entry), except where <see cref="FileEdit"/> says otherwise.
/// </summary>
public static class PolicyFiles
{
    /// <param name="reusablePolicies">The seed's number of reusable policies: it links app <c>a</c> to number <c>a % reusablePolicies</c>.</param>
    public static void Write(string directory, int apps, int policiesPerApp, int reusablePolicies, Func<int, (FileEdit Edit, int Count)> edit)
    {
        Directory.CreateDirectory(directory);
        for (var a = 0; a < apps; a++)
        {
            var (kind, count) = edit(a);
            File.WriteAllText(Path.Combine(directory, $"app-{a:D4}.yaml"), Application(a, policiesPerApp, reusablePolicies, kind, count));
        }
    }

    private static string Application(int app, int policiesPerApp, int reusablePolicies, FileEdit edit, int count)
    {
        var order = Enumerable.Range(0, policiesPerApp).ToList();
        switch (edit)
        {
            case FileEdit.DropLastPolicy:
                order.RemoveAt(order.Count - 1);
                break;
            case FileEdit.SwapFirstTwo:
                (order[0], order[1]) = (order[1], order[0]);
                break;
        }

        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"app:\n  domain: app{app}.example.com\npolicies:\n");
        foreach (var p in order)
        {
            var session = edit == FileEdit.LongerSessions && p < count ? "12h" : "8h";
            yaml.Append(Policy($"Policy {p}", session, EstateSeed.Country(p)));
        }

        if (reusablePolicies > 0)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{use: Reusable {app % reusablePolicies}, precedence: {policiesPerApp + 1}}}\n");
        }

        if (edit == FileEdit.AddPolicy)
        {
            yaml.Append(Policy("Policy added", "8h", "SE")).Append("    precedence: 7\n");
        }

        return yaml.ToString();
    }

    private static string Policy(string name, string session, string country) => $"""
          - name: {name}
            decision: allow
            include:
              - group: Group 0
              - email_domain: example.com
            require:
              - geo: {country}
            session_duration: {session}

        """;
}
