using System.Diagnostics;
using System.Globalization;
using AccessSync.Core.Tests.Fuzzing;
using FsCheck;
using FsCheck.Fluent;

namespace AccessSync.Bench;

/// <summary>
/// The long fuzz run: the test suite's generators and pipeline (tests/AccessSync.Core.Tests/Fuzzing) with a random
/// seed, printed first so that <c>fuzz --seed S</c> replays the run. Prints cases per second, every crash and every
/// case over its bounds (the full text of each written to bench/out/), and the worst time and allocation seen.
/// </summary>
internal static class FuzzBench
{
    /// <summary>Cases drawn at a time: a whole run held at once would keep every huge scalar alive.</summary>
    private const int Batch = 500;

    /// <summary>FsCheck's size: large enough for files near the limits of policies and rules.</summary>
    private const int Size = OddPolicyFiles.NearLimitsFromSize;

    public static int Run(int cases, ulong? seedOption)
    {
        var seed = seedOption ?? (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        Console.WriteLine($"fuzz: {cases} cases, seed {seed} (replay: bench/fuzz.sh {cases} --seed {seed})");
        FuzzPipeline.Run(ExampleCorpus.Files[0]); // start-up (schema load, JIT) is not a case's cost

        var clock = Stopwatch.StartNew();
        var (ran, crashes, overBounds) = (0, 0, 0);
        var stages = new List<FuzzOutcome>();
        FuzzOutcome? slowest = null;
        FuzzOutcome? hungriest = null;
        for (var batch = 0; ran < cases; batch++)
        {
            var count = Math.Min(Batch, cases - ran);
            foreach (var outcome in FuzzCases.Any.Sample(count, new Rnd(seed + (ulong)batch), Size).Select(FuzzPipeline.Run))
            {
                ran++;
                stages.Add(outcome with { Case = outcome.Case with { Text = string.Empty } }); // the stage counts, not the text
                slowest = slowest is null || outcome.Elapsed > slowest.Elapsed ? outcome : slowest;
                hungriest = hungriest is null || outcome.AllocatedBytes > hungriest.AllocatedBytes ? outcome : hungriest;
                if (outcome.Failure is not null)
                {
                    crashes++;
                    Console.WriteLine($"CRASH case {ran} (batch {batch}), saved as {Save(outcome, seed, ran)}: {outcome.Case}\n{outcome.Failure}");
                }
                else if (outcome.OverBounds)
                {
                    overBounds++;
                    Console.WriteLine($"OVER BOUNDS case {ran}: {outcome.Elapsed.TotalMilliseconds:F0} ms, {outcome.AllocatedBytes:N0} bytes, saved as {Save(outcome, seed, ran)}");
                }
            }

            Console.Error.WriteLine($"  {ran} cases, {ran / clock.Elapsed.TotalSeconds:F0}/s");
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"fuzz: {ran} cases in {clock.Elapsed.TotalSeconds:F1} s ({ran / clock.Elapsed.TotalSeconds:F0} cases/s); reached: {FuzzOutcome.Shares(stages)}; " +
            $"{crashes} crashes, {overBounds} over bounds; worst time {slowest!.Elapsed.TotalMilliseconds:F0} ms ({slowest.Case.Shape}), " +
            $"worst allocation {hungriest!.AllocatedBytes / (1024.0 * 1024):F1} MB ({hungriest.Case.Shape}); seed {seed}"));
        return crashes + overBounds == 0 ? 0 : 1;
    }

    private static string Save(FuzzOutcome outcome, ulong seed, int number)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "..", "fuzz");
        Directory.CreateDirectory(folder);
        var path = Path.GetFullPath(Path.Combine(folder, $"case-{seed}-{number}.yaml"));
        File.WriteAllText(path, outcome.Case.Text);
        return path;
    }
}
