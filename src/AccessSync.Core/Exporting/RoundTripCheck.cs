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
/// plans no change against the live state it came from, under the same defaults. A file that fails is named
/// with the first reason, so that it is reported rather than written.
/// </summary>
internal static class RoundTripCheck
{
    /// <summary>Failed files by path, each with why.</summary>
    public static IReadOnlyDictionary<string, string> Failures(LiveScope scope, IReadOnlyList<(LiveApplication App, ExportedFile File)> written, PolicySettings defaults)
    {
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        if (written.Count == 0)
        {
            return failures;
        }

        var config = RootConfig.Default with { Defaults = defaults };
        var sources = written.Select(w => new SourceFile(w.File.RelativePath, w.File.Text)).ToList();
        var loaded = ProjectLoader.Load(config, sources, new ScopeFallbacks(scope.Scope, null));
        foreach (var error in loaded.Diagnostics.Where(d => d.IsError))
        {
            failures.TryAdd(error.Span.Path, $"AccessSync cannot write it as a file that loads: {error}");
        }

        if (loaded.Value is not { } project)
        {
            return failures;
        }

        var result = Planner.Compute(project, new LiveState([scope]), PlanOptions.All);
        foreach (var error in result.Diagnostics.Where(d => d.IsError))
        {
            failures.TryAdd(error.Span.Path, $"AccessSync cannot write it as a file that plans: {error}");
        }

        foreach (var app in result.Plan?.Applications ?? [])
        {
            if (app.HasChanges)
            {
                failures.TryAdd(app.App.FilePath, $"its file would still plan changes ({Describe(app.Changes)}); AccessSync cannot write it faithfully");
            }
        }

        return failures;
    }

    private static string Describe(ImmutableArray<PolicyChange> changes) => string.Join(", ", changes.Select(c => c switch
    {
        UpdatePolicy update => $"update `{update.Subject}`: {string.Join(", ", update.Fields.Select(f => f.Path))}",
        ReorderPolicies reorder => $"reorder {string.Join(", ", reorder.Moves.Select(m => $"`{m.PolicyName}` {m.From} → {m.To}"))}",
        _ => $"{c.Kind.ToString().ToLowerInvariant()} `{c.Subject}`",
    }));
}
