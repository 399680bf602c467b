using AccessSync.Core.Sources;

namespace AccessSync.Core.Tests.Fuzzing;

/// <summary>
/// Each generator's shape pushed past what a bounded random run reaches: these must still end in located errors,
/// within the bounds of one case. (The fuzzer has found no crash yet; a case it finds is added here by name.)
/// </summary>
[NonParallelizable] // bounds on each case's time and the process's allocations meanwhile
public class FuzzExtremesTests
{
    private const string Head = "app:\n  name: Grafana\npolicies:\n  - name: P\n    decision: allow\n    include:\n      - ";

    private static IEnumerable<TestCaseData> Extremes()
    {
        yield return Case("flow nesting 10,000 deep", Head + new string('[', 10_000) + new string(']', 10_000) + "\n");
        yield return Case("an alias bomb of 12^9 nodes", string.Concat(Enumerable.Range(0, 9).Select(Level)) + Head + "everyone: true\n");
        yield return Case("a key of 100,000 characters", Head + new string('k', 100_000) + ": true\n");
        yield return Case("a file one byte over the size limit", Head + "email: \"" + new string('a', SourceLimits.MaxFileBytes) + "\"\n");
        yield return Case("a merge of an alias that is not defined", Head.Replace("  - name: P", "  - <<: *nowhere\n    name: P", StringComparison.Ordinal) + "everyone: true\n");
        yield return Case("a policy merged into itself", Head.Replace("  - name: P", "  - &p\n    <<: *p\n    name: P", StringComparison.Ordinal) + "everyone: true\n");
    }

    [TestCaseSource(nameof(Extremes))]
    public void An_extreme_file_ends_in_located_errors_within_the_bounds_of_a_case(string text)
    {
        FuzzPipeline.Run(ExampleCorpus.Files[0]); // start-up (schema load, JIT) is not a case's cost

        var outcome = FuzzPipeline.Run(new FuzzCase("extreme", "apps/fuzz.yaml", text));

        outcome.Failure.ShouldBeNull();
        outcome.Validated.ShouldBeFalse("the file was meant to be rejected");
        outcome.OverBounds.ShouldBeFalse($"{outcome.Elapsed}, {outcome.AllocatedBytes:N0} bytes");
    }

    private static TestCaseData Case(string name, string text) => new TestCaseData(text).SetName($"Extreme: {name}");

    private static string Level(int level) =>
        $"x{level}: &l{level} [{string.Join(", ", Enumerable.Repeat(level == 0 ? "lol" : $"*l{level - 1}", 12))}]\n";
}
