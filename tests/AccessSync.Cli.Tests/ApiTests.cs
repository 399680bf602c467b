using System.Globalization;
using System.Text.RegularExpressions;
using AccessSync.Cli.Tests.Support;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>plan and apply as a real process against the Access API over HTTP, with credentials and faults, as in CI.</summary>
public class ApiTests
{
    private const string Token = "cf-token-3f9a1c7e5b2d4f6a8c0e";
    private const string AccountId = "9a7806061c88ada191ed06f989cc3dac";

    private static async Task<EmulatorServer> StartAsync() => await EmulatorServer.StartAsync(new EmulatorOptions
    {
        Seed = EmulatorSeed.Load(ExampleTree.LiveJson),
        Credentials = EmulatorCredentials.Token(Token),
        RandomSeed = 7,
    });

    private static Dictionary<string, string?> Environment(string? token = Token) => new() { ["CLOUDFLARE_API_TOKEN"] = token };

    private static Task<ProcessResult> RunAsync(ExampleTree tree, EmulatorServer server, params string[] args) =>
        AccessSyncProcess.RunAsync(tree.Path, Environment(), [.. args, "--api-url", server.BaseUrl.ToString()]);

    [Test]
    public async Task The_token_never_appears_in_any_output_even_at_the_most_verbose_level()
    {
        using var tree = new ExampleTree();
        await using var server = await StartAsync();

        var plan = await RunAsync(tree, server, "plan", "--log-level", "verbose", "--out", Path.Combine(tree.Path, "plan.json"));
        var apply = await RunAsync(tree, server, "apply", "--auto-approve", "--log-level", "verbose");

        plan.ExitCode.ShouldBe(ExitCodes.Success, plan.StdErr);
        apply.ExitCode.ShouldBe(ExitCodes.Success, apply.StdErr);
        plan.StdErr.ShouldContain("GET"); // the HTTP trace was logged, so the check below looked at it
        foreach (var output in new[] { plan.StdOut, plan.StdErr, apply.StdOut, apply.StdErr, File.ReadAllText(Path.Combine(tree.Path, "plan.json")) })
        {
            output.ShouldNotContain(Token);
            output.ShouldNotContain(Token[3..15]);
        }
    }

    [Test]
    public async Task A_refused_token_is_one_clear_line_without_the_token()
    {
        using var tree = new ExampleTree();
        await using var server = await StartAsync();

        var result = await AccessSyncProcess.RunAsync(tree.Path, Environment("wrong-token-value"), "plan", "--api-url", server.BaseUrl.ToString());

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdErr.Trim().Split('\n').ShouldHaveSingleItem().ShouldStartWith("error: ");
        result.StdErr.ShouldNotContain("wrong-token-value");
    }

    [Test]
    public async Task Missing_credentials_are_one_clear_line_naming_the_variables()
    {
        using var tree = new ExampleTree();

        var result = await AccessSyncProcess.RunAsync(tree.Path, Environment(null), "plan");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdErr.ShouldContain("CLOUDFLARE_API_TOKEN");
    }

    [Test]
    public async Task With_a_fifth_of_requests_failing_the_report_is_true_and_a_second_apply_converges()
    {
        using var tree = new ExampleTree();
        await using var server = await StartAsync();
        server.Faults.FailRate = 0.2;
        server.Faults.FailRetryAfterSeconds = 0; // what failures leave behind, not how long the client waits (tested in process)

        // On top of the random 5xx, every attempt at writing a Grafana policy fails, retries included: at least
        // one change must end failed, and the rest of Grafana's changes not attempted.
        var grafanaId = (string)server.State.Apps(ScopeRef.Account(AccountId)).Single(a => (string?)a["name"] == "Grafana")["id"]!;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            server.Faults.Enqueue(Fault.Status(503, retryAfterSeconds: 0).When("PUT", $"/apps/{grafanaId}/policies/"));
        }

        var first = await RunAsync(tree, server, "apply", "--auto-approve");
        server.Faults.FailRate = 0;
        server.Faults.ClearQueue();
        var after = await RunAsync(tree, server, "plan");

        first.ExitCode.ShouldBe(ExitCodes.Error, first.StdOut + first.StdErr);
        first.StdOut.ShouldContain("FAILED          update \"Allow engineering\"");
        first.StdOut.ShouldContain("not attempted   create \"Allow partner engineers\"");

        // The report is true: what it printed as done is no longer in a fresh plan, and what it lists as not done
        // still is.
        var notDone = Regex.Matches(first.StdOut, @"^  (FAILED|not attempted) +(create|update|delete|reorder|attach|detach) ""([^""]+)""", RegexOptions.Multiline);
        var summary = Regex.Match(first.StdOut, @"^Apply: (\d+) done, (\d+) failed, (\d+) not attempted\.$", RegexOptions.Multiline);
        summary.Success.ShouldBeTrue(first.StdOut);
        (int.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture) + int.Parse(summary.Groups[3].Value, CultureInfo.InvariantCulture)).ShouldBe(notDone.Count, first.StdOut);
        (int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture) + notDone.Count).ShouldBe(13, first.StdOut);
        foreach (Match item in notDone)
        {
            var change = item.Groups[2].Value switch
            {
                "create" => $"+ create \"{item.Groups[3].Value}\"",
                "update" => $"~ update \"{item.Groups[3].Value}\"",
                "delete" => $"- delete \"{item.Groups[3].Value}\"",
                "attach" => $"+ attach \"{item.Groups[3].Value}\"",
                "detach" => $"- detach \"{item.Groups[3].Value}\"",
                _ => $"    \"{item.Groups[3].Value}\": ",
            };
            after.StdOut.ShouldContain(change, Case.Sensitive, $"reported not done, yet not planned: {item.Value}");
        }

        var doneWrites = Regex.Matches(first.StdOut, @"^done +[^:]+: (create|update|delete) ""([^""]+)""", RegexOptions.Multiline);
        doneWrites.ShouldNotBeEmpty(first.StdOut);
        foreach (Match write in doneWrites)
        {
            var change = write.Groups[1].Value switch
            {
                "create" => $"+ create \"{write.Groups[2].Value}\"",
                "update" => $"~ update \"{write.Groups[2].Value}\"",
                _ => $"- delete \"{write.Groups[2].Value}\"",
            };
            after.StdOut.ShouldNotContain(change, Case.Sensitive, $"printed done, yet still planned: {write.Value}");
        }

        var second = await RunAsync(tree, server, "apply", "--auto-approve");
        var plan = await RunAsync(tree, server, "plan", "--detailed-exitcode");

        second.ExitCode.ShouldBe(ExitCodes.Success, second.StdOut + second.StdErr);
        plan.ExitCode.ShouldBe(ExitCodes.Success, plan.StdOut + plan.StdErr);
    }

    [Test]
    public async Task A_field_the_api_silently_ignores_is_a_failed_change_not_a_success()
    {
        using var tree = new ExampleTree();
        await using var server = await StartAsync();
        server.Faults.IgnoredFieldsOnWrite = new HashSet<string> { "session_duration" };

        var result = await RunAsync(tree, server, "apply", "--auto-approve", "--target", "Grafana");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdOut.ShouldContain("FAILED          update \"Allow engineering\": update \"Allow engineering\" at precedence 2: the API did not apply session_duration (sent \"8h\", it kept \"24h\")");
    }

    [Test]
    public async Task At_a_terminal_a_progress_line_counts_requests_and_is_cleared_and_without_one_nothing_is_added()
    {
        using var tree = new ExampleTree();
        await using var server = await StartAsync();
        server.Faults.Latency = TimeSpan.FromMilliseconds(400);

        var terminal = await AccessSyncProcess.RunInTerminalAsync(tree.Path, Environment(), null, "plan", "--api-url", server.BaseUrl.ToString());
        var redirected = await RunAsync(tree, server, "plan");

        terminal.ExitCode.ShouldBe(ExitCodes.Success, terminal.StdOut);
        terminal.StdOut.ShouldMatch(@"\r\u001b\[KReading live policies: [1-9][0-9]* requests");
        terminal.StdOut.ShouldContain("requests\r\u001b[K"); // cleared before the plan is printed
        terminal.StdOut.ShouldNotContain(Token);
        redirected.StdErr.ShouldBeEmpty();
    }

    [Test]
    public async Task A_budget_of_the_account_s_own_can_be_given_or_switched_off()
    {
        using var tree = new ExampleTree();
        await using var server = await StartAsync();

        var custom = await RunAsync(tree, server, "plan", "--rate-limit", "3000/300");
        var off = await RunAsync(tree, server, "apply", "--auto-approve", "--rate-limit", "off");

        custom.ExitCode.ShouldBe(ExitCodes.Success, custom.StdErr);
        off.ExitCode.ShouldBe(ExitCodes.Success, off.StdErr);
        off.StdOut.ShouldContain("Apply: 13 done, 0 failed, 0 not attempted.");
    }

    [Test]
    public async Task Reading_the_whole_estate_takes_one_request_per_list()
    {
        using var tree = new ExampleTree();
        await using var server = await StartAsync();

        await RunAsync(tree, server, "plan");

        // Account: apps, reusable policies, groups, service tokens, identity providers; the wiki's zone: the same less reusable policies.
        server.Requests.All.Select(r => r.Method).ShouldAllBe(m => m == "GET");
        server.Requests.Count.ShouldBe(9);
    }
}
