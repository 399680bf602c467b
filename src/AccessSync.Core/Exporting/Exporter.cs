using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AccessSync.Core.Live;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Normalization;
using AccessSync.Core.Planning;
using AccessSync.Core.Schema;

namespace AccessSync.Core.Exporting;

/// <summary>
/// Writes the live policies of a scope's applications as AccessSync files, one per application under
/// <c>apps/</c> and one per reusable policy under <c>reusable/</c>, such that planning those files against the
/// same live state shows no change. Every file is checked for exactly that before it is returned
/// (<see cref="RoundTripCheck"/>): an application or reusable policy that cannot be written faithfully is a
/// problem, never a file that would change it.
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
        var reusable = new ReusableLayout(scope, options.AlreadyDefined);

        var drafts = new List<Draft>();
        foreach (var app in selected.OrderBy(a => fileNames[a], StringComparer.Ordinal))
        {
            if (Document(scope, app, options, policies, reusable, out var problem) is { } document)
            {
                var uses = app.Policies.Where(p => p.IsReusable && reusable.InlineName(p) is null).Select(p => p.Id);
                drafts.Add(new Draft(app.ToString(), new ExportedFile(fileNames[app], ExportYaml.Render(Comments(app, fileNames[app], reusable), document)), null, [.. uses]));
            }
            else
            {
                problems.Add(new ExportProblem(app.ToString(), problem ?? "it cannot be written as a file"));
            }
        }

        drafts.AddRange(ReusableDrafts(scope, options, policies, reusable, drafts, problems, skipped));

        var failed = RoundTripCheck.Failures(scope, [.. drafts.Select(d => d.File)], options.Defaults);
        problems.AddRange(drafts.Where(d => failed.ContainsKey(d.File.RelativePath)).Select(d => new ExportProblem(d.Subject, failed[d.File.RelativePath])));
        var kept = drafts.Where(d => !failed.ContainsKey(d.File.RelativePath)).ToList();
        if (!options.Applications.IsEmpty)
        {
            // Asked for some applications, the reusable policies are written for them: none for one that failed.
            var used = kept.SelectMany(d => d.Uses).ToHashSet(StringComparer.Ordinal);
            kept.RemoveAll(d => d.ReusableId is { } id && !used.Contains(id));
        }

        var files = ImmutableArray.CreateBuilder<ExportedFile>();
        if (options.WriteRootConfig)
        {
            files.Add(RootConfigFile(scope.Scope));
        }

        if (options.WriteSchema)
        {
            files.Add(new ExportedFile(ExportOptions.SchemaPath, SchemaDocument.Text));
        }

        files.AddRange(kept.Select(d => d.File));
        return new ExportResult(files.ToImmutable(), [.. problems], [.. skipped]);
    }

    /// <summary>
    /// A reusable policy's file for each one the export covers: every one of the account when it is exported whole,
    /// since a plan deletes a reusable policy that no file defines and no application uses; else the ones the
    /// exported applications use. A policy written in its application's file, or defined by a file of the folder
    /// under another path, is not written again.
    /// </summary>
    private static List<Draft> ReusableDrafts(
        LiveScope scope,
        ExportOptions options,
        PolicyWriter writer,
        ReusableLayout reusable,
        List<Draft> applications,
        List<ExportProblem> problems,
        List<ExportProblem> skipped)
    {
        var drafts = new List<Draft>();
        var used = applications.SelectMany(d => d.Uses).ToHashSet(StringComparer.Ordinal);
        var covered = scope.ReusablePolicies
            .DistinctBy(p => p.Id)
            .Where(p => reusable.InlineName(p) is null && (options.Applications.IsEmpty || used.Contains(p.Id)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var policy in covered.ToList())
        {
            if (options.AlreadyDefined.FirstOrDefault(d => string.Equals(d.Name, policy.Name, StringComparison.OrdinalIgnoreCase)
                && d.Path != reusable.FileNames.GetValueOrDefault(policy)) is { } existing)
            {
                skipped.Add(new ExportProblem(Subject(policy), $"already defined by {existing.Path}; not exported"));
                covered.Remove(policy);
            }
        }

        foreach (var policy in covered.Where(reusable.HasSharedName))
        {
            var twins = scope.ReusablePolicies
                .Where(p => p.Id != policy.Id && string.Equals(p.Name, policy.Name, StringComparison.OrdinalIgnoreCase))
                .Select(p => $"`{p.Name}` ({p.Id})")
                .Distinct(StringComparer.Ordinal);
            problems.Add(new ExportProblem(
                Subject(policy),
                $"the account's reusable policy {string.Join(", ", twins)} has the same name in some letter case, and files tell reusable policies apart "
                + "by name; it is not written (applications use it by id): rename one of them in Cloudflare and export again"));
        }

        foreach (var (policy, path) in covered.Where(p => !reusable.HasSharedName(p)).Select(p => (p, reusable.FileNames[p])).OrderBy(p => p.Item2, StringComparer.Ordinal))
        {
            if (ReusableDocument(scope, policy, options, writer, out var problem) is { } document)
            {
                drafts.Add(new Draft(Subject(policy), new ExportedFile(path, ExportYaml.Render(ReusableComments(scope.Scope, policy, path, reusable), document)), policy.Id, []));
            }
            else
            {
                problems.Add(new ExportProblem(Subject(policy), problem ?? "it cannot be written as a file"));
            }
        }

        return drafts;
    }

    private static string Subject(LivePolicy reusable) => $"reusable policy {reusable.Name} ({reusable.Id})";

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

    /// <summary>
    /// The application's file: its policies in precedence order, its own ones written out and each reusable one as
    /// a <c>use</c> entry, or written out under the name it was made from when the application owns it (see
    /// <see cref="ReusableLayout"/>).
    /// </summary>
    private static JsonObject? Document(LiveScope scope, LiveApplication app, ExportOptions options, PolicyWriter writer, ReusableLayout reusable, out string? problem)
    {
        var listOrderIsPrecedence = app.Policies.Select((p, index) => p.Precedence == index + 1).All(same => same);
        var policies = new JsonArray();
        foreach (var policy in app.Policies)
        {
            var precedence = listOrderIsPrecedence ? null : policy.Precedence;
            if (!policy.IsReusable)
            {
                if (writer.Write(policy, precedence, out problem) is not { } written)
                {
                    return null;
                }

                policies.Add(written);
            }
            else if (reusable.InlineName(policy) is { } name)
            {
                // The account's copy is the one the planner compares; the application's may have only its place.
                if (writer.Write(reusable.Live(policy.Id)!, precedence, out problem) is not { } written)
                {
                    return null;
                }

                written[PolicyFields.Name] = name;
                policies.Add(written);
            }
            else
            {
                var use = new JsonObject { [ReusableUse.Key] = reusable.UseName(policy) };
                if (precedence is { } explicitPrecedence)
                {
                    use[PolicyFields.Precedence] = explicitPrecedence;
                }

                policies.Add(use);
            }
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

    /// <summary>A reusable policy's file: <c>kind: reusable-policy</c> and the policy, which has no precedence of its own.</summary>
    private static JsonObject? ReusableDocument(LiveScope scope, LivePolicy policy, ExportOptions options, PolicyWriter writer, out string? problem)
    {
        if (writer.Write(policy, null, out problem) is not { } written)
        {
            return null;
        }

        var document = new JsonObject { [FileKinds.KindKey] = FileKinds.ReusablePolicyKind };
        if (options.ScopeInFiles)
        {
            document["account_id"] = scope.Scope.Id;
        }

        document["policy"] = written;
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

    private static IEnumerable<string> Comments(LiveApplication app, string path, ReusableLayout reusable)
    {
        yield return $"yaml-language-server: $schema={SchemaFrom(path)}";
        yield return $"Exported from {app.Scope}: application {ExportYaml.Quoted(app.Name)}{(app.Domain is { } d ? $" ({ExportYaml.Quoted(d)})" : string.Empty)}, id {app.Id}.";
        if (app.Policies.Any(p => p.IsReusable && reusable.InlineName(p) is not null))
        {
            yield return $"The policies written out below are live as reusable policies named {ExportYaml.Quoted(ReusablePlan.OwnedName(app.Name, "<policy name>"))}, attached to this application alone.";
        }
    }

    private static IEnumerable<string> ReusableComments(Scope scope, LivePolicy policy, string path, ReusableLayout reusable)
    {
        var apps = reusable.AttachedTo(policy).Select(ExportYaml.Quoted).ToList();
        yield return $"yaml-language-server: $schema={SchemaFrom(path)}";
        yield return $"Exported from {scope}: reusable policy {ExportYaml.Quoted(policy.Name)}, id {policy.Id}; "
            + (apps.Count == 0 ? "attached to no application." : $"attached to {string.Join(", ", apps)}.");
    }

    private static string SchemaFrom(string path) =>
        string.Concat(Enumerable.Repeat("../", path.Count(c => c == '/'))) + ExportOptions.SchemaPath;

    private static ExportedFile RootConfigFile(Scope scope) => new(
        RootConfig.FileName,
        ExportYaml.Render(
            [$"yaml-language-server: $schema={SchemaFrom(RootConfig.FileName)}", "The root configuration: settings for every application file below this folder."],
            new JsonObject { [scope.Kind == ScopeKind.Account ? "account_id" : "zone_id"] = scope.Id }));

    /// <summary>An exported file before its check: what it is about, and for an application the reusable policies it uses (ids).</summary>
    /// <param name="ReusableId">The reusable policy the file defines; null for an application's file.</param>
    private sealed record Draft(string Subject, ExportedFile File, string? ReusableId, ImmutableArray<string> Uses);

    /// <summary>The schema's pattern for <c>app.domain</c>.</summary>
    [GeneratedRegex(@"^[^\s/]+(/\S*)?$")]
    private static partial Regex DomainPattern();
}
