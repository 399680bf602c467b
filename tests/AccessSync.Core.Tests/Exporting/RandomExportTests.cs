using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AccessSync.Core.Exporting;
using AccessSync.Core.Live;
using AccessSync.Core.Normalization;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests.Exporting;

/// <summary>The export's promise over estates made up from seeds: the files load clean and plan no change.</summary>
public class RandomExportTests
{
    private const int Seeds = 30;

    private static readonly ConcurrentDictionary<int, (LiveScope Scope, ExportResult Result)> Exports = new();

    private static IEnumerable<int> AllSeeds() => Enumerable.Range(1, Seeds);

    [TestCaseSource(nameof(AllSeeds))]
    public void A_random_estate_exports_to_files_that_load_clean_and_plan_no_change(int seed)
    {
        var (scope, result) = Export(seed);

        result.Problems.ShouldBeEmpty();
        var plan = ExportedTree.Plan(result.Files, new LiveState([scope]));
        plan.HasChanges.ShouldBeFalse(ExportedTree.Dump(result.Files));
        plan.Applications.Length.ShouldBe(scope.Applications.Length);
    }

    [Test]
    public void The_random_estates_exercise_every_rule_kind_and_every_way_of_naming()
    {
        var all = string.Join("\n", AllSeeds().SelectMany(seed => Export(seed).Result.Files).Select(f => f.Text));

        RandomEstate.RuleKinds.Where(kind => !all.Contains($"- {kind}:", StringComparison.Ordinal)).ShouldBeEmpty("every rule kind is exported");
        PolicyFields.DisplayOrder.Select(path => path.Split('.')[^1] + ":").Where(key => !all.Contains(key, StringComparison.Ordinal)).ShouldBeEmpty("every policy field is exported");
        all.ShouldContain("precedence:");
        all.ShouldContain("\n  - use: ");
        Regex.IsMatch(all, @"\n  - use: [^\n]+\n    precedence: \d+\n").ShouldBeTrue("a use entry has an explicit precedence");
        all.ShouldContain("kind: reusable-policy\n");
        all.ShouldContain("attached to no application.");
        all.ShouldContain("The policies written out below are live as reusable policies named", customMessage: "a reusable policy made for its application comes back inline");
        all.ShouldContain("app:\n  id: ");
        all.ShouldContain("app:\n  domain: ");
        all.ShouldContain("\"line\\nbreak");
        all.ShouldContain("- geo: NO\n");
    }

    private static (LiveScope Scope, ExportResult Result) Export(int seed) => Exports.GetOrAdd(seed, s =>
    {
        var scope = new RandomEstate(s).Scope();
        return (scope, Exporter.Export(scope, ExportOptions.Default));
    });
}
