using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Live;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Sources;

namespace AccessSync.Core.Exporting;

/// <summary>
/// The export's promise, checked on its own output: each file loads without error (YAML, schema, meaning) and
/// plans no change against the live state it came from, under the same defaults: an application's file no change
/// to the application, a reusable policy's file none to the policy. A file that fails is named with the first
/// reason, so that it is reported rather than written.
/// </summary>
internal static class RoundTripCheck
{
    /// <summary>Failed files by path, each with why.</summary>
    public static IReadOnlyDictionary<string, string> Failures(LiveScope scope, IReadOnlyList<ExportedFile> written, PolicySettings defaults)
    {
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        var config = RootConfig.Default with { Defaults = defaults };
        // Read as the CLI reads the folder they go into: their paths are below its root.
        var remaining = written.Select(w => new SourceFile(w.RelativePath, w.Text) { RelativePath = w.RelativePath }).ToList();

        // An error in one file stops the whole project from loading or planning, so the files with errors are
        // set aside and the others checked again, until the rest load and plan.
        while (remaining.Count > 0)
        {
            var errors = Check(scope, config, remaining, out var plan);
            foreach (var error in errors)
            {
                failures.TryAdd(error.Span.Path, $"AccessSync cannot write it as a file that loads and plans: {error}");
            }

            if (plan is not null)
            {
                foreach (var app in plan.Applications.Where(a => a.HasChanges))
                {
                    failures.TryAdd(app.App.FilePath, $"its file would still plan changes ({Describe(app.Changes)}); AccessSync cannot write it faithfully");
                }

                // A reusable policy no remaining file defines is planned for deletion when none of them uses it:
                // that is the export leaving it out (it was not asked for, or its file failed), not a file's fault.
                var files = remaining.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
                foreach (var reusable in plan.Reusable.Where(r => r.Change is not null && files.Contains(r.FilePath)))
                {
                    failures.TryAdd(reusable.FilePath, $"its file would still plan changes ({Describe([reusable.Change!])}); AccessSync cannot write it faithfully");
                }

                break;
            }

            var before = remaining.Count;
            remaining.RemoveAll(f => failures.ContainsKey(f.Path));
            if (remaining.Count == before)
            {
                // Errors that name no file of the export: nothing left can be vouched for.
                remaining.ForEach(f => failures.TryAdd(f.Path, $"AccessSync could not check it: {string.Join("; ", errors)}"));
                break;
            }
        }

        return failures;
    }

    private static List<Diagnostic> Check(LiveScope scope, RootConfig config, List<SourceFile> sources, out Plan? plan)
    {
        plan = null;
        var loaded = ProjectLoader.Load(config, sources, new ScopeFallbacks(scope.Scope, null));
        var errors = loaded.Diagnostics.Where(d => d.IsError).ToList();
        if (loaded.Value is not { } project || errors.Count > 0)
        {
            return errors;
        }

        var result = Planner.Compute(project, new LiveState([scope]), PlanOptions.All);
        plan = result.Plan;
        return [.. result.Diagnostics.Where(d => d.IsError)];
    }

    private static string Describe(ImmutableArray<PolicyChange> changes) => string.Join(", ", changes.Select(c => c switch
    {
        UpdatePolicy update => $"update `{update.Subject}`: {string.Join(", ", update.Fields.Select(f => f.Path))}",
        ReorderPolicies reorder => $"reorder {string.Join(", ", reorder.Moves.Select(m => $"`{m.PolicyName}` {m.From} → {m.To}"))}",
        _ => $"{c.Kind.Verb()} `{c.Subject}`",
    }));
}
