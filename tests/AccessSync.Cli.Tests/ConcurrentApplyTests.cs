using System.Collections.Concurrent;
using AccessSync.Cli.Commands;
using AccessSync.Cli.Connections;
using AccessSync.Cli.Hosting;
using AccessSync.Cli.Tests.Support;
using AccessSync.Core.Loading;
using AccessSync.Emulator;
using AccessSync.Testing;
using Serilog.Core;
using Serilog.Events;

namespace AccessSync.Cli.Tests;

/// <summary>
/// Two applies of different folders on one account at once, both in this process over HTTP, both managing one
/// application with different policies (and each one of its own): whichever way their writes interleave, an apply
/// that exits 0 saw its applications as its files have them when it read live again after its last write, and one
/// that exits 5 names the application the other changed.
/// </summary>
public class ConcurrentApplyTests
{
    private const string Token = "cf-token-1e3a5c7e9b2d4f6a8c0e";
    private const string AccountId = "7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a";
    private const int Rounds = 5;

    /// <summary>Enough to see every read of the application list in one round.</summary>
    private const int Snapshots = 40;

    private const string Seed = $$$"""
        {"accounts": {"{{{AccountId}}}": {"apps": [
          {"id": "e1e1e1e1-0000-4000-8000-000000000001", "name": "Shared", "domain": "shared.example.com", "type": "self_hosted",
           "policies": [{"name": "Old rule", "decision": "allow", "precedence": 1, "include": [{"everyone": {}}]}]},
          {"id": "e1e1e1e1-0000-4000-8000-000000000002", "name": "Alpha", "domain": "alpha.example.com", "type": "self_hosted",
           "policies": [{"name": "Old rule", "decision": "allow", "precedence": 1, "include": [{"everyone": {}}]}]},
          {"id": "e1e1e1e1-0000-4000-8000-000000000003", "name": "Beta", "domain": "beta.example.com", "type": "self_hosted",
           "policies": [{"name": "Old rule", "decision": "allow", "precedence": 1, "include": [{"everyone": {}}]}]}
        ] } } }
        """;

    private static readonly Writer First = new(
        "first",
        "Alpha",
        new() { ["Shared"] = ["Rule A1", "Rule A2"], ["Alpha"] = ["Allow alpha"] });

    private static readonly Writer Second = new(
        "second",
        "Beta",
        new() { ["Shared"] = ["Rule B1"], ["Beta"] = ["Allow beta"] });

    [Test]
    public async Task No_apply_exits_0_unless_it_read_its_applications_as_its_files_have_them_after_its_last_write()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            using var first = First.Folder();
            using var second = Second.Folder();
            await using var server = await EmulatorServer.StartAsync(new EmulatorOptions
            {
                Seed = EmulatorSeed.Parse(Seed),
                Credentials = EmulatorCredentials.Token(Token),
                RandomSeed = round,
            });
            server.Faults.Latency = new LatencyRange(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(40));
            var reads = new ConcurrentQueue<(DateTimeOffset Time, Dictionary<string, string[]> Apps)>();
            for (var i = 0; i < Snapshots; i++)
            {
                server.Faults.Enqueue(Fault.Interleave(() => reads.Enqueue((DateTimeOffset.UtcNow, Policies(server)))).When("GET", $"^/accounts/{AccountId}/access/apps$"));
            }

            var runs = await Task.WhenAll(Task.Run(() => ApplyAsync(first, server)), Task.Run(() => ApplyAsync(second, server)));

            foreach (var (writer, run) in new[] { (First, runs[0]), (Second, runs[1]) })
            {
                var said = $"round {round}, the {writer.Name} apply:\n{run.Result.StdOut}{run.Result.StdErr}";
                run.Result.ExitCode.ShouldBeOneOf([ExitCodes.Success, ExitCodes.Error, ExitCodes.ChangedDuringApply], said);
                if (run.Result.ExitCode == ExitCodes.Success)
                {
                    reads.Where(r => r.Time >= run.Started && r.Time <= run.Ended).ShouldContain(r => writer.Matches(r.Apps), said);
                }
                else if (run.Result.ExitCode == ExitCodes.ChangedDuringApply)
                {
                    // Only what both manage can change under it: the shared application, and the account's reusable policies.
                    var named = run.Result.StdErr.Split('\n').Where(l => l.Contains(": changed during apply, by another writer?", StringComparison.Ordinal)).ToList();
                    named.ShouldNotBeEmpty(said);
                    named.ShouldAllBe(l => l.StartsWith("  Shared: ", StringComparison.Ordinal) || l.StartsWith("  reusable policy ", StringComparison.Ordinal), said);
                }
                else
                {
                    // Allowed: say both deleted the same policy, leaving the application none of its own. Planned again,
                    // it then needs reusable policies made for it, which the account's writes, done by then, did not make.
                    run.Result.StdOut.ShouldContain("FAILED", Case.Sensitive, said);
                }
            }
        }
    }

    /// <summary>One apply, through the command itself: a bug it throws fails the test rather than being reported as exit code 1.</summary>
    private static async Task<(ProcessResult Result, DateTimeOffset Started, DateTimeOffset Ended)> ApplyAsync(TempFolder folder, EmulatorServer server)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var started = DateTimeOffset.UtcNow;
        using var interruption = new Interruption();
        var surroundings = InProcessAccessSync.SurroundingsOf(folder.Path, new Dictionary<string, string?> { ["CLOUDFLARE_API_TOKEN"] = Token });
        var exitCode = await new ApplyCommand(new CliConsole(stdout, stderr), surroundings, Logger.None, interruption).ExecuteAsync(
            new ApplySettings(surroundings.Given("."), null, AutoApprove: true, Force: false, [], new ConnectionSettings(server.BaseUrl, Sandbox: false, null)),
            new GlobalSettings(LogEventLevel.Warning, LogFormat.Text, NoColor: true, ScopeFallbacks.None));
        return (new ProcessResult(exitCode, stdout.ToString(), stderr.ToString()), started, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Each application's policy names in precedence order, as they are now. A reusable policy an application owns
    /// (made when it had no policy of its own at plan time) is named as its file names it.
    /// </summary>
    private static Dictionary<string, string[]> Policies(EmulatorServer server) =>
        server.State.Apps(ScopeRef.Account(AccountId)).ToDictionary(
            a => (string)a["name"]!,
            a => server.State.AppPolicies(ScopeRef.Account(AccountId), (string)a["id"]!)
                .Select(p => ((string)p["name"]!).Replace($"[{a["name"]}] ", string.Empty, StringComparison.Ordinal))
                .ToArray());

    /// <summary>One folder: the shared application and one of its own, each with its policies in order.</summary>
    private sealed record Writer(string Name, string OwnApp, Dictionary<string, string[]> Wanted)
    {
        public bool Matches(Dictionary<string, string[]> live) => Wanted.All(w => live[w.Key].SequenceEqual(w.Value));

        public TempFolder Folder()
        {
            var folder = new TempFolder();
            folder.Write("accesssync.yaml", $"account_id: {AccountId}\n");
            foreach (var (app, policies) in Wanted)
            {
                folder.Write(
                    $"apps/{app.ToLowerInvariant()}.yaml",
                    $"app: {{name: {app}}}\npolicies:\n" + string.Concat(policies.Select(p => $"  - {{name: {p}, decision: allow, include: [{{email: {p.Replace(' ', '-').ToLowerInvariant()}@example.com}}]}}\n")));
            }

            return folder;
        }
    }
}
