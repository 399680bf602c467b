using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AccessSync.Cli.Tests.Support;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>
/// A real <c>accesssync apply</c> of a few hundred changes, through the emulator with latency, stopped by SIGTERM
/// (a cancelled CI job) or SIGINT (Ctrl-C) at points from planning to the last write. Whatever the point, what
/// it printed and what its journal holds agree with what the API received, it exits with the signal's code (or 0
/// when it had finished), and applying again converges with nothing lost or duplicated.
/// </summary>
public class InterruptedApplyTests
{
    private const string Token = "cf-token-7d1e3a9b5c2f4e6a8b0d";
    private const int Apps = 24;
    private const int PoliciesPerApp = 5;

    /// <summary>Every fourth application gains a policy, every fourth loses one, the rest change all five: 72 writes.</summary>
    private const int Writes = (Apps / 4) + (Apps / 4) + (Apps / 2 * PoliciesPerApp);

    private static readonly Regex WriteLine = new(@"^(done|FAILED|UNKNOWN) +", RegexOptions.Multiline);

    public enum Point
    {
        /// <summary>While it reads the live policies, before any write.</summary>
        Planning,

        /// <summary>Once the first write is printed.</summary>
        FirstWrite,

        /// <summary>Somewhere in the middle.</summary>
        Middle,

        /// <summary>Once all but the last write are printed.</summary>
        LastWrite,
    }

    private static IEnumerable<TestCaseData> Points()
    {
        // Fixed points at both ends, and middles drawn once from a fixed seed, so a failure can be run again.
        var random = new Random(20261202);
        yield return new TestCaseData(Point.Planning, "TERM", 0);
        yield return new TestCaseData(Point.FirstWrite, "INT", 1);
        yield return new TestCaseData(Point.Middle, "TERM", random.Next(10, Writes - 10));
        yield return new TestCaseData(Point.LastWrite, "TERM", Writes - 1);
    }

    [TestCaseSource(nameof(Points))]
    public async Task A_signal_at_any_point_leaves_a_report_and_journal_that_agree_with_the_api_and_a_reapply_converges(Point point, string signal, int afterWrites)
    {
        using var folder = new TempFolder();
        await using var server = await StartAsync(folder);
        if (point == Point.Planning)
        {
            // Reading the applications takes long enough for the signal to land while apply is still planning.
            server.Faults.Enqueue(Fault.Delay(TimeSpan.FromSeconds(1)).When("GET", "/access/apps"));
        }

        using var apply = Start(folder, server);
        if (!await apply.WaitUntilAsync(() => point == Point.Planning ? server.Requests.Count > 0 : apply.Lines.Count(IsWrite) >= afterWrites))
        {
            var ended = await apply.CompleteAsync();
            Assert.Fail($"apply ended before {point}: {ended.ExitCode}\n{ended.StdOut}{ended.StdErr}");
        }

        await apply.SignalAsync(signal);
        var result = await apply.CompleteAsync();

        var expectedCode = signal == "INT" ? 130 : 143;
        result.StdErr.ShouldNotContain("this is a bug");
        result.StdErr.ShouldNotContain("   at ");
        if (point == Point.Planning)
        {
            result.ExitCode.ShouldBe(expectedCode, result.StdOut + result.StdErr);
            result.StdErr.ShouldContain($"stopped by SIG{signal}; nothing was changed");
            server.Requests.All.ShouldAllBe(r => r.Method == "GET");
        }
        else if (result.StdOut.Contains($"Apply: {Writes} done, 0 failed, 0 not attempted.", StringComparison.Ordinal))
        {
            // The signal came after the last write: the apply had finished, and says so. It stopped, at most, the read
            // of live that follows the last write, and then says that live was not checked.
            point.ShouldBe(Point.LastWrite, result.StdOut + result.StdErr);
            if (result.ExitCode != ExitCodes.Success)
            {
                result.ExitCode.ShouldBe(expectedCode, result.StdOut + result.StdErr);
                result.StdErr.ShouldContain($"stopped by SIG{signal} while reading live again after the last write");
            }
        }
        else
        {
            result.ExitCode.ShouldBe(expectedCode, result.StdOut + result.StdErr);
            result.StdOut.ShouldMatch(@"(?m)^Apply stopped: \d+ done, 0 failed(, \d+ unknown)?, \d+ not attempted\.$");
            result.StdErr.ShouldContain($"apply stopped by SIG{signal}");
        }

        ReportAgreesWithTheApi(result, Journal(folder), server);
        NothingWasDuplicated(server);
        await ApplyingAgainConvergesAsync(folder, server);
    }

    [Test]
    public async Task A_second_signal_abandons_the_writes_in_flight_and_still_reports_every_write()
    {
        using var folder = new TempFolder();
        await using var server = await StartAsync(folder);

        using var apply = Start(folder, server);
        (await apply.WaitUntilAsync(() => server.Requests.All.Count(r => r.Method != "GET") >= 4)).ShouldBeTrue();

        // From now on a write takes seconds: the signals land while several are in flight.
        server.Faults.Latency = TimeSpan.FromSeconds(3);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await apply.SignalAsync("INT");
        await apply.SignalAsync("INT");
        var result = await apply.CompleteAsync();

        result.ExitCode.ShouldBe(130, result.StdOut + result.StdErr);
        result.StdOut.ShouldMatch(@"(?m)^UNKNOWN +.*whether it was made is unknown");
        result.StdOut.ShouldMatch(@"(?m)^Apply stopped: \d+ done, 0 failed, \d+ unknown, \d+ not attempted\.$");
        result.StdErr.ShouldNotContain("   at ");
        server.Faults.Latency = LatencyRange.None;
        ReportAgreesWithTheApi(result, Journal(folder), server);
        await ApplyingAgainConvergesAsync(folder, server);
    }

    private static bool IsWrite(string line) => WriteLine.IsMatch(line);

    private static async Task<EmulatorServer> StartAsync(TempFolder folder)
    {
        PolicyFiles.Write(folder.Path, Apps, PoliciesPerApp, reusablePolicies: 0, a => (a % 4) switch
        {
            0 => (FileEdit.AddPolicy, 1),
            1 => (FileEdit.DropLastPolicy, 1),
            _ => (FileEdit.LongerSessions, PoliciesPerApp),
        });
        var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Seed = EmulatorSeed.From(new EstateSeed(Apps, PoliciesPerApp, Groups: 1).Build()),
            Credentials = EmulatorCredentials.Token(Token),
        });
        server.Faults.Latency = TimeSpan.FromMilliseconds(15);
        return server;
    }

    private static RunningAccessSync Start(TempFolder folder, EmulatorServer server) =>
        RunningAccessSync.Start(folder.Path, Environment(), [.. Arguments(folder, server, "apply", "--auto-approve", "--force"), "--journal", Path.Combine(folder.Path, "journal.jsonl")]);

    private static string[] Arguments(TempFolder folder, EmulatorServer server, params string[] command) =>
        [.. command, folder.Path, "--api-url", server.BaseUrl.ToString(), "--account-id", EstateSeed.AccountId];

    private static Dictionary<string, string?> Environment() => new() { ["CLOUDFLARE_API_TOKEN"] = Token };

    private static List<JsonObject> Journal(TempFolder folder)
    {
        var path = Path.Combine(folder.Path, "journal.jsonl");
        return File.Exists(path) ? [.. File.ReadAllLines(path).Select(l => JsonNode.Parse(l)!.AsObject())] : [];
    }

    /// <summary>
    /// Printed and journaled alike; for each request path, the writes reported done were all committed by the API,
    /// and every write it committed is reported done or unknown.
    /// </summary>
    private static void ReportAgreesWithTheApi(ProcessResult result, List<JsonObject> journal, EmulatorServer server)
    {
        var printed = result.StdOut.Split('\n').Where(IsWrite).Select(l => l.Split(' ')[0].ToLowerInvariant()).ToList();
        journal.Select(j => (string)j["outcome"]!).ShouldBe(printed, "the journal and stdout list the same writes in the same order");
        var committed = server.Requests.All
            .Where(r => r.Method != "GET" && r.Status is >= 200 and < 300)
            .GroupBy(r => (r.Method, r.Path))
            .ToDictionary(g => g.Key, g => g.Count());
        var reported = journal
            .GroupBy(j => ((string)j["request"]!["method"]!, (string)j["request"]!["path"]!))
            .ToDictionary(g => g.Key, g => (Done: g.Count(j => (string)j["outcome"]! == "done"), Unknown: g.Count(j => (string)j["outcome"]! == "unknown")));
        foreach (var key in committed.Keys.Union(reported.Keys))
        {
            var made = committed.GetValueOrDefault(key);
            var (done, unknown) = reported.GetValueOrDefault(key);
            done.ShouldBeLessThanOrEqualTo(made, $"{key}: reported done more often than the API committed it");
            made.ShouldBeLessThanOrEqualTo(done + unknown, $"{key}: committed by the API but reported neither done nor unknown");
        }
    }

    private static void NothingWasDuplicated(EmulatorServer server)
    {
        foreach (var app in server.State.Apps(ScopeRef.Account(EstateSeed.AccountId)))
        {
            var names = server.State.AppPolicies(ScopeRef.Account(EstateSeed.AccountId), (string)app["id"]!).Select(p => (string)p["name"]!).ToList();
            names.ShouldBeUnique($"{app["name"]}");
        }
    }

    private static async Task ApplyingAgainConvergesAsync(TempFolder folder, EmulatorServer server)
    {
        server.Faults.Latency = LatencyRange.None;
        var again = await InProcessAccessSync.RunAsync(folder.Path, Environment(), Arguments(folder, server, "apply", "--auto-approve", "--force"));
        var plan = await InProcessAccessSync.RunAsync(folder.Path, Environment(), Arguments(folder, server, "plan", "--detailed-exitcode"));

        again.ExitCode.ShouldBe(ExitCodes.Success, again.StdOut + again.StdErr);
        plan.ExitCode.ShouldBe(ExitCodes.Success, plan.StdOut + plan.StdErr);
    }
}
