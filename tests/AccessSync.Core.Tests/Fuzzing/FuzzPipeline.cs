using System.Diagnostics;
using AccessSync.Core.Applying;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Exporting;
using AccessSync.Core.Live;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;
using AccessSync.Core.Review;
using AccessSync.Core.Sources;
using AccessSync.Core.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Core.Tests.Fuzzing;

/// <summary>
/// Runs one generated file the way the CLI would: load and validate; if it loads clean, plan it against the examples'
/// live state (examples/live.json), apply the plan to an in-memory provider and export what that leaves. A case
/// passes when it ends in a model or in diagnostics that each have a path, a line and a column, without a throw.
/// </summary>
public static class FuzzPipeline
{
    private static readonly Lazy<RootConfig> LazyConfig = new(() =>
        FileLoader.LoadConfig(new SourceFile(RootConfig.FileName, File.ReadAllText(Path.Combine(RepositoryPaths.Examples, RootConfig.FileName)))).Value!);

    private static readonly Lazy<LiveState> LazyLive = new(() => LiveJson.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "live.json"))));

    /// <summary>The live state every case is planned against: examples/live.json.</summary>
    public static LiveState Live => LazyLive.Value;

    public static FuzzOutcome Run(FuzzCase fuzzCase)
    {
        var config = LazyConfig.Value;
        var live = LazyLive.Value;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        var stage = FuzzStage.Rejected;
        string? failure;
        try
        {
            failure = Check(fuzzCase, config, live, ref stage);
        }
        catch (Exception e)
        {
            failure = e.ToString();
        }

        return new FuzzOutcome(fuzzCase, clock.Elapsed, GC.GetTotalAllocatedBytes() - allocatedBefore, stage, failure);
    }

    /// <summary>What was wrong with the case, or null; <paramref name="stage"/> is how far it got.</summary>
    private static string? Check(FuzzCase fuzzCase, RootConfig config, LiveState live, ref FuzzStage stage)
    {
        var source = new SourceFile(fuzzCase.Path, fuzzCase.Text) { RelativePath = fuzzCase.Path };
        if (fuzzCase.Path == RootConfig.FileName)
        {
            return Unlocated(FileLoader.LoadConfig(source).Diagnostics);
        }

        var loaded = ProjectLoader.Load(config, [source], ScopeFallbacks.None);
        if (Unlocated(loaded.Diagnostics) is { } unlocated)
        {
            return unlocated;
        }

        if (loaded.Value is not { } project)
        {
            return loaded.Diagnostics.HasErrors() ? null : "no model and no error";
        }

        stage = FuzzStage.Validated;
        var result = Planner.Compute(project, live, PlanOptions.All);
        if (Unlocated(result.Diagnostics) is { } unlocatedInPlan)
        {
            return unlocatedInPlan;
        }

        if (result.Plan is not { } plan)
        {
            return null;
        }

        stage = FuzzStage.Planned;
        if (PlanRendering.Unsafe(plan) is { } unsafeText)
        {
            return unsafeText;
        }

        var provider = new FakeAccessProvider(live);
        var applied = Applier.ApplyAsync(plan, provider, live, ApplyOptions.Default, CancellationToken.None).GetAwaiter().GetResult();
        if (applied is not ApplyResult.Applied { Report.Succeeded: true })
        {
            return "the apply of a valid plan did not succeed: " + (applied is ApplyResult.Applied { Report: var report }
                ? string.Join("; ", report.Outcomes.Where(o => o.Status != ItemStatus.Done))
                : applied.ToString());
        }

        var after = provider.Current;
        var again = Planner.Compute(project, after, PlanOptions.All);
        if (again.Plan is not { HasChanges: false })
        {
            return "planning again after apply "
                + (again.Plan is null ? "failed: " + string.Join("; ", again.Diagnostics.Where(d => d.IsError)) : "shows changes: " + new TextPlanRenderer().Render(PlanReviewer.Review(again.Plan)));
        }

        stage = FuzzStage.Applied;
        // The applications the plan covers, each written and read back by the export's own round-trip check.
        var planned = plan.Applications.Select(a => a.App).ToList();
        foreach (var scope in after.Scopes.Where(s => planned.Count == 0 || planned.Any(a => a.Scope == s.Scope)))
        {
            var options = ExportOptions.Default with { Applications = [.. planned.Where(a => a.Scope == scope.Scope).Select(a => a.Id)] };
            if (Exporter.Export(scope, options).Problems is { IsEmpty: false } problems)
            {
                return "export could not write every file faithfully: " + string.Join("; ", problems);
            }
        }

        stage = FuzzStage.Exported;
        return null;
    }

    private static string? Unlocated(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.FirstOrDefault(d => string.IsNullOrEmpty(d.Span.Path) || d.Span.Line < 1 || d.Span.Column < 1) is { } d
            ? "a diagnostic without a place: " + d
            : null;
}
