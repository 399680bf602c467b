using System.Diagnostics;
using AccessSync.Core.Applying;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Exporting;
using AccessSync.Core.Live;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
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

    public static FuzzOutcome Run(FuzzCase fuzzCase)
    {
        var config = LazyConfig.Value;
        var live = LazyLive.Value;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        string? failure;
        var planned = false;
        try
        {
            (failure, planned) = Check(fuzzCase, config, live);
        }
        catch (Exception e)
        {
            failure = e.ToString();
        }

        return new FuzzOutcome(fuzzCase, clock.Elapsed, GC.GetTotalAllocatedBytes() - allocatedBefore, planned, failure);
    }

    private static (string? Failure, bool Planned) Check(FuzzCase fuzzCase, RootConfig config, LiveState live)
    {
        var source = new SourceFile(fuzzCase.Path, fuzzCase.Text) { RelativePath = fuzzCase.Path };
        if (fuzzCase.Path == RootConfig.FileName)
        {
            return (Unlocated(FileLoader.LoadConfig(source).Diagnostics), false);
        }

        var loaded = ProjectLoader.Load(config, [source], ScopeFallbacks.None);
        if (Unlocated(loaded.Diagnostics) is { } unlocated)
        {
            return (unlocated, false);
        }

        if (loaded.Value is null)
        {
            return (loaded.Diagnostics.HasErrors() ? null : "no model and no error", false);
        }

        var planned = Planner.Compute(loaded.Value, live, PlanOptions.All);
        if (Unlocated(planned.Diagnostics) is { } unlocatedInPlan)
        {
            return (unlocatedInPlan, true);
        }

        if (planned.Plan is null)
        {
            return (null, true);
        }

        var provider = new FakeAccessProvider(live);
        Applier.ApplyAsync(planned.Plan, provider, live, ApplyOptions.Default, CancellationToken.None).GetAwaiter().GetResult();
        foreach (var scope in provider.Current.Scopes)
        {
            Exporter.Export(scope, ExportOptions.Default);
        }

        return (null, true);
    }

    private static string? Unlocated(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.FirstOrDefault(d => string.IsNullOrEmpty(d.Span.Path) || d.Span.Line < 1 || d.Span.Column < 1) is { } d
            ? "a diagnostic without a place: " + d
            : null;
}
