using AccessSync.Core.Exporting;
using AccessSync.Core.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Core.Tests.Exporting;

/// <summary>Exporting the examples' live estate (examples/live.json): every scope, read back and planned.</summary>
public class ExampleExportTests
{
    private static readonly Live.LiveState Live = LiveJson.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "live.json")));

    private static IEnumerable<TestCaseData> Scopes() => Live.Scopes.Select(s => new TestCaseData(s.Scope.ToString()).SetName($"Exported {s.Scope} plans no change"));

    [TestCaseSource(nameof(Scopes))]
    public void Every_scope_of_the_examples_exports_to_files_that_plan_no_change(string scopeName)
    {
        var scope = Live.Scopes.Single(s => s.Scope.ToString() == scopeName);

        var result = Exporter.Export(scope, ExportOptions.Default);

        result.Problems.ShouldBeEmpty();
        ExportedTree.Load(result.Files).Diagnostics.ShouldBeEmpty("the files validate clean, without so much as a warning");
        result.Files.Count(f => f.RelativePath.StartsWith("apps/", StringComparison.Ordinal)).ShouldBe(scope.Applications.Length);
        var plan = ExportedTree.Plan(result.Files, Live);
        plan.HasChanges.ShouldBeFalse(ExportedTree.Dump(result.Files));
        plan.Applications.SelectMany(a => a.Unmanaged).ShouldBeEmpty();
    }

    [Test]
    public void The_exported_grafana_file_is_as_approved()
    {
        var result = Exporter.Export(Live.Scopes[0], ExportOptions.Default with { Applications = ["grafana"] });

        Approvals.Verify(result.Files.Single(f => f.RelativePath == "apps/grafana.yaml").Text, "export-grafana");
    }

    [Test]
    public void Every_exported_file_of_the_examples_is_as_approved()
    {
        var result = Exporter.Export(Live.Scopes[0], ExportOptions.Default);

        Approvals.Verify(ExportedTree.Dump(result.Files), "export-examples-account");
    }
}
