using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Schema;

namespace AccessSync.Core.Exporting;

/// <summary>
/// Writes the live policies of a scope's applications as AccessSync files, one per application under
/// <c>apps/</c>, such that planning those files against the same live state shows no change. Every file is
/// checked for exactly that before it is returned (<see cref="RoundTripCheck"/>): an application that cannot be
/// written faithfully is a problem, never a file that would change it.
/// </summary>
public static partial class Exporter
{
    public static ExportResult Export(LiveScope scope, ExportOptions options)
    {
        var problems = new List<ExportProblem>();
        var selected = Select(scope, options.Applications, problems);
        // Named among all the scope's applications, so that a file's name does not depend on which are exported.
        var fileNames = FileNames.Applications(scope.Applications);
        var skipped = new List<ExportProblem>();
        foreach (var app in selected.ToList())
        {
            if (options.AlreadyManaged.FirstOrDefault(r => Targets(r, app) && r.Span.Path != fileNames[app]) is { } managed)
            {
                skipped.Add(new ExportProblem(app.ToString(), $"already managed by {managed.Span.Path}; not exported"));
                selected.Remove(app);
            }
        }

        var rules = new RuleWriter(scope);
        var policies = new PolicyWriter(rules, options.Defaults);

        var written = new List<(LiveApplication App, ExportedFile File)>();
        foreach (var app in selected.OrderBy(a => fileNames[a], StringComparer.Ordinal))
        {
            if (Document(scope, app, options, policies, out var problem) is { } document)
            {
                written.Add((app, new ExportedFile(fileNames[app], ExportYaml.Render(Comments(app, fileNames[app]), document))));
            }
            else
            {
                problems.Add(new ExportProblem(app.ToString(), problem ?? "it cannot be written as a file"));
            }
        }

        var failed = RoundTripCheck.Failures(scope, written, options.Defaults);
        problems.AddRange(written.Where(w => failed.ContainsKey(w.File.RelativePath)).Select(w => new ExportProblem(w.App.ToString(), failed[w.File.RelativePath])));

        var files = ImmutableArray.CreateBuilder<ExportedFile>();
        if (options.WriteRootConfig)
        {
            files.Add(RootConfigFile(scope.Scope));
        }

        if (options.WriteSchema)
        {
            files.Add(new ExportedFile(ExportOptions.SchemaPath, AccessSyncSchema.Text));
        }

        files.AddRange(written.Where(w => !failed.ContainsKey(w.File.RelativePath)).Select(w => w.File));
        return new ExportResult(files.ToImmutable(), [.. problems], [.. skipped]);
    }

    /// <summary>The applications <paramref name="wanted"/> names (by id, name or domain, in any case), or all; one that names none is a problem.</summary>
    private static List<LiveApplication> Select(LiveScope scope, ImmutableArray<string> wanted, List<ExportProblem> problems)
    {
        if (wanted.IsEmpty)
        {
            return [.. scope.Applications];
        }

        var selected = new List<LiveApplication>();
        foreach (var selector in wanted.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var matches = scope.Applications.Where(a => Names(a).Any(n => string.Equals(n, selector, StringComparison.OrdinalIgnoreCase))).ToList();
            if (matches.Count == 0)
            {
                problems.Add(new ExportProblem(
                    $"--app {selector}",
                    $"no Access application in {scope.Scope} has this id, name or domain; known: {string.Join(", ", scope.Applications.Select(a => a.Name).Order(StringComparer.Ordinal))}"));
            }

            selected.AddRange(matches);
        }

        return [.. selected.Distinct()];
    }

    private static IEnumerable<string?> Names(LiveApplication app) => [app.Id, app.Name, app.Domain];

    /// <summary>Whether a file's reference names this application, as the planner resolves it.</summary>
    private static bool Targets(AppReference reference, LiveApplication app) => string.Equals(
        reference.Value,
        reference.Kind switch
        {
            AppReferenceKind.Id => app.Id,
            AppReferenceKind.Name => app.Name,
            _ => app.Domain,
        },
        StringComparison.OrdinalIgnoreCase);

    private static JsonObject? Document(LiveScope scope, LiveApplication app, ExportOptions options, PolicyWriter writer, out string? problem)
    {
        var own = app.OwnPolicies.ToList();
        var listOrderIsPrecedence = own.Select((p, index) => p.Precedence == index + 1).All(same => same);
        var policies = new JsonArray();
        foreach (var policy in own)
        {
            if (writer.Write(policy, listOrderIsPrecedence ? null : policy.Precedence, out problem) is not { } written)
            {
                return null;
            }

            policies.Add(written);
        }

        var document = new JsonObject { ["app"] = Reference(scope, app) };
        if (options.ScopeInFiles)
        {
            document[scope.Scope.Kind == ScopeKind.Account ? "account_id" : "zone_id"] = scope.Scope.Id;
        }

        document["policies"] = policies;
        problem = null;
        return document;
    }

    /// <summary>By name when it finds this application alone, else by domain when that does, else by id.</summary>
    private static JsonObject Reference(LiveScope scope, LiveApplication app)
    {
        bool Unique(Func<LiveApplication, string?> key) =>
            scope.Applications.Count(a => string.Equals(key(a), key(app), StringComparison.OrdinalIgnoreCase)) == 1;

        if (!string.IsNullOrWhiteSpace(app.Name) && Unique(a => a.Name) && !scope.Applications.Any(a => string.Equals(a.Id, app.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return new JsonObject { ["name"] = app.Name };
        }

        if (app.Domain is { } domain && DomainPattern().IsMatch(domain) && Unique(a => a.Domain))
        {
            return new JsonObject { ["domain"] = domain };
        }

        return new JsonObject { ["id"] = app.Id };
    }

    private static IEnumerable<string> Comments(LiveApplication app, string path)
    {
        yield return $"yaml-language-server: $schema={SchemaFrom(path)}";
        yield return $"Exported from {app.Scope}: application {ExportYaml.Quoted(app.Name)}{(app.Domain is { } d ? $" ({ExportYaml.Quoted(d)})" : string.Empty)}, id {app.Id}.";
        foreach (var reusable in app.Policies.Where(p => p.IsReusable))
        {
            yield return $"reusable policy {ExportYaml.Quoted(reusable.Name)} (precedence {reusable.Precedence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}) is attached; it is managed as a reusable policy";
        }
    }

    private static string SchemaFrom(string path) =>
        string.Concat(Enumerable.Repeat("../", path.Count(c => c == '/'))) + ExportOptions.SchemaPath;

    private static ExportedFile RootConfigFile(Scope scope) => new(
        RootConfig.FileName,
        ExportYaml.Render(
            [$"yaml-language-server: $schema={SchemaFrom(RootConfig.FileName)}", "The root configuration: settings for every application file below this folder."],
            new JsonObject { [scope.Kind == ScopeKind.Account ? "account_id" : "zone_id"] = scope.Id }));

    /// <summary>The schema's pattern for <c>app.domain</c>.</summary>
    [GeneratedRegex(@"^[^\s/]+(/\S*)?$")]
    private static partial Regex DomainPattern();
}
