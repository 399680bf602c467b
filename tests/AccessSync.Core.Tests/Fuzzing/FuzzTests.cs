using FsCheck;
using FsCheck.Fluent;

namespace AccessSync.Core.Tests.Fuzzing;

/// <summary>
/// The bounded fuzz run: a fixed seed, so every run sees the same cases (bench/fuzz.sh runs longer, with a random seed).
/// Every case ends in a model or in located diagnostics, within its time and allocation bounds, never in a throw.
/// </summary>
[NonParallelizable] // bounds on each case's time and the process's allocations meanwhile
public class FuzzTests
{
    private const ulong Seed = 20261202;

    private const int Cases = 400;

    /// <summary>FsCheck's size: list generators (byte flips, Unicode inserts) grow up to it.</summary>
    private const int Size = 50;

    [Test]
    public void Every_generated_file_ends_in_a_model_or_located_errors_within_its_bounds()
    {
        FuzzPipeline.Run(ExampleCorpus.Files[0]); // start-up (schema load, JIT) is not a case's cost
        var outcomes = FuzzCases.Any.Sample(Cases, new Rnd(Seed), Size).Select(FuzzPipeline.Run).ToList();

        TestContext.Out.WriteLine(string.Join(", ", outcomes.GroupBy(o => o.Case.Shape).Select(g => $"{g.Key} {g.Count()} ({g.Count(o => o.Stage >= FuzzStage.Exported)} exported, {g.Sum(o => o.Elapsed.TotalSeconds):F1} s)")));
        TestContext.Out.WriteLine($"worst {outcomes.Max(o => o.Elapsed)}, {outcomes.Max(o => o.AllocatedBytes):N0} bytes; total {outcomes.Sum(o => o.Elapsed.TotalSeconds):F1} s");
        outcomes.Where(o => o.Failure is not null).Select(o => $"{o.Case}\n{o.Failure}").ShouldBeEmpty();
        outcomes.Where(o => o.OverBounds).Select(o => $"{o.Elapsed} {o.AllocatedBytes:N0} bytes {o.Case}").ShouldBeEmpty();
        TestContext.Out.WriteLine(FuzzOutcome.Shares(outcomes));
        outcomes.Count(o => o.Stage == FuzzStage.Exported).ShouldBeGreaterThan(outcomes.Count / 2, "most cases are meant to get through planning, apply and export");
    }
}
