using System.Text.RegularExpressions;
using AccessSync.Cli.Tests.Support;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>
/// An apply whose writes are carried out but some of whose answers are lost: each lost write is confirmed by reading,
/// so the apply reports every item done, exits 0, and leaves nothing for the next plan.
/// </summary>
public class LostAnswerApplyTests
{
    private const string Token = "cf-token-3f9a1c7e5b2d4f6a8c0e";

    /// <summary>
    /// Applications are written in parallel, so which write loses its answer varies from run to run even under one
    /// random seed: the runs go on, each under a seed of its own, until every kind of write has lost an answer (a
    /// handful of runs, typically), and each run on its way must converge. The cap only bounds a run gone wrong.
    /// </summary>
    private const int MaxRuns = 40;

    [Test]
    public async Task With_answers_lost_to_a_share_of_writes_every_item_is_done_and_a_new_plan_is_empty()
    {
        var lost = new HashSet<string>(StringComparer.Ordinal);
        var confirmedDelete = false;
        var runs = 0;
        while (runs < MaxRuns && !(confirmedDelete && lost.IsSupersetOf(["DELETE", "POST", "PUT"])))
        {
            var (methods, report) = await ApplyLosingAnswersAsync(randomSeed: ++runs);
            lost.UnionWith(methods);
            confirmedDelete |= Regex.IsMatch(report, @"^done +[^:]+: delete .*\(its answer was lost; a read confirmed it\)", RegexOptions.Multiline);
        }

        new[] { "DELETE", "POST", "PUT" }.ShouldBeSubsetOf(lost, $"the methods of writes whose answers were lost in {runs} runs");
        confirmedDelete.ShouldBeTrue($"no delete was reported done after its answer was lost, in {runs} runs");
    }

    /// <summary>Applies the examples with 15% of answers to writes lost, checks the outcome, and returns the methods of the writes that lost theirs, with the report.</summary>
    private static async Task<(IEnumerable<string> Lost, string Report)> ApplyLosingAnswersAsync(int randomSeed)
    {
        using var tree = new ExampleTree();
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Seed = EmulatorSeed.Load(ExampleTree.LiveJson),
            Credentials = EmulatorCredentials.Token(Token),
            RandomSeed = randomSeed,
        });
        server.Faults.LostAnswerRate = 0.15;

        var apply = await RunAsync(tree, server, "apply", "--auto-approve");
        server.Faults.LostAnswerRate = 0;
        var plan = await RunAsync(tree, server, "plan", "--detailed-exitcode");

        apply.ExitCode.ShouldBe(ExitCodes.Success, $"seed {randomSeed}\n{apply.StdOut}{apply.StdErr}");
        Regex.Matches(apply.StdOut, @"^  (FAILED|not attempted) ", RegexOptions.Multiline).ShouldBeEmpty(apply.StdOut);
        plan.ExitCode.ShouldBe(ExitCodes.Success, $"seed {randomSeed}\n{plan.StdOut}{plan.StdErr}");
        return ([.. server.Requests.All.Where(r => r.CommittedWithoutAnswer).Select(r => r.Method)], apply.StdOut);
    }

    private static Task<ProcessResult> RunAsync(ExampleTree tree, EmulatorServer server, params string[] args) =>
        InProcessAccessSync.RunAsync(tree.Path, new Dictionary<string, string?> { ["CLOUDFLARE_API_TOKEN"] = Token }, [.. args, "--api-url", server.BaseUrl.ToString()]);
}
