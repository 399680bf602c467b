using System.Text.Json.Nodes;
using AccessSync.Cli.Tests.Support;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>
/// Another writer changes an application while apply writes it (a second apply, someone in the dashboard), driven
/// by the emulator's interleaved faults over HTTP: a write refused because of that change is re-planned once and
/// converges; a change after apply's last write is found by reading live again, and apply exits 5 naming the
/// application instead of reporting success.
/// </summary>
public class AnotherWriterApplyTests
{
    private const string Token = "cf-token-8d2b6f4a0c9e1b3d5f7a";
    private const string AccountId = "4c6e8a0b2d4f6a8c0e2b4d6f8a0c2e4b";
    private const string Wiki = "c1c1c1c1-0000-4000-8000-000000000001";
    private const string AllowStaff = "d1d1d1d1-0000-4000-8000-000000000001";
    private const string PoliciesOfWiki = $"^/accounts/{AccountId}/access/apps/{Wiki}/policies$";
    private const string AppList = $"^/accounts/{AccountId}/access/apps$";
    private const string TheWiki = $"^/accounts/{AccountId}/access/apps/{Wiki}$";

    private static readonly ScopeRef Account = ScopeRef.Account(AccountId);

    private const string Seed = $$$"""
        {"accounts": {"{{{AccountId}}}": {"apps": [
          {"id": "{{{Wiki}}}", "name": "Wiki", "domain": "wiki.example.com", "type": "self_hosted",
           "policies": [{"id": "{{{AllowStaff}}}", "name": "Allow staff", "decision": "allow", "precedence": 1, "include": [{"email_domain": {"domain": "staff.example.com"}}]}]}
        ] } } }
        """;

    /// <summary>The plan: create "Allow on-call" at precedence 2, one POST.</summary>
    private static readonly Dictionary<string, string> Files = new()
    {
        ["accesssync.yaml"] = $"account_id: {AccountId}\n",
        ["apps/wiki.yaml"] = """
            app: {name: Wiki}
            policies:
              - {name: Allow staff, decision: allow, include: [{email_domain: staff.example.com}]}
              - {name: Allow on-call, decision: allow, include: [{email: oncall@example.com}]}
            """,
    };

    [Test]
    public async Task A_write_refused_because_another_writer_took_its_precedence_is_replanned_and_converges()
    {
        using var folder = Folder();
        await using var server = await StartAsync();
        server.Faults.Enqueue(Fault.Interleave(() => server.State.PutAppPolicy(Account, Wiki, EditInTheDashboard(precedence: 2))).When("POST", PoliciesOfWiki));

        var apply = await RunAsync(folder, server, "apply", "--auto-approve", "--no-color");

        apply.ExitCode.ShouldBe(ExitCodes.Success, apply.StdOut + apply.StdErr);
        apply.StdOut.ShouldContain("create \"Allow on-call\" (live changed during apply; re-planned)");
        apply.StdOut.ShouldContain("delete \"Edit in the dashboard\" (live changed during apply; re-planned)");
        server.State.AppPolicies(Account, Wiki).Select(p => (string?)p["name"]).ShouldBe(["Allow staff", "Allow on-call"]);
        var again = await RunAsync(folder, server, "plan", "--detailed-exitcode");
        again.ExitCode.ShouldBe(ExitCodes.Success, again.StdOut + again.StdErr);
    }

    [Test]
    public async Task A_change_after_the_last_write_exits_5_naming_the_application()
    {
        using var folder = Folder();
        await using var server = await StartAsync();
        var changeAllowStaffAtTheNextRead = Fault.Interleave(() => server.State.PutAppPolicy(Account, Wiki, EditInTheDashboard(precedence: 1, AllowStaff, "Allow staff"))).When("GET", AppList);
        server.Faults.Enqueue(Fault.Interleave(() => server.Faults.Enqueue(changeAllowStaffAtTheNextRead)).When("POST", PoliciesOfWiki));

        var apply = await RunAsync(folder, server, "apply", "--auto-approve", "--no-color");

        apply.ExitCode.ShouldBe(ExitCodes.ChangedDuringApply, apply.StdOut + apply.StdErr);
        apply.StdOut.ShouldContain("Apply: 1 done, 0 failed, 0 not attempted.");
        apply.StdErr.ShouldContain("Wiki: changed during apply, by another writer? a new plan would update \"Allow staff\"");
    }

    [Test]
    public async Task A_saved_plan_whose_policy_another_writer_deletes_after_the_last_write_exits_5_naming_the_application()
    {
        using var folder = Folder();
        await using var server = await StartAsync();
        var plan = await RunAsync(folder, server, "plan", "--out", Path.Combine(folder.Path, "plan.json"));
        plan.ExitCode.ShouldBe(ExitCodes.Success, plan.StdErr);
        var deleteOnCallAtTheNextRead = Fault.Interleave(() => server.State.RemoveAppPolicy(Account, Wiki, IdOf(server, "Allow on-call"))).When("GET", TheWiki);
        server.Faults.Enqueue(Fault.Interleave(() => server.Faults.Enqueue(deleteOnCallAtTheNextRead)).When("POST", PoliciesOfWiki));

        var apply = await RunAsync(folder, server, "apply", "--auto-approve", "--no-color", "--plan", Path.Combine(folder.Path, "plan.json"));

        apply.ExitCode.ShouldBe(ExitCodes.ChangedDuringApply, apply.StdOut + apply.StdErr);
        apply.StdErr.ShouldContain("Wiki: changed during apply, by another writer? \"Allow on-call\" is missing");
    }

    /// <summary>A policy that lets everyone in, as someone in the dashboard might add it, or make an existing one (<paramref name="id"/>).</summary>
    private static JsonObject EditInTheDashboard(int precedence, string? id = null, string name = "Edit in the dashboard")
    {
        var policy = new JsonObject
        {
            ["name"] = name,
            ["decision"] = "allow",
            ["precedence"] = precedence,
            ["include"] = new JsonArray(new JsonObject { ["everyone"] = new JsonObject() }),
        };
        if (id is not null)
        {
            policy["id"] = id;
        }

        return policy;
    }

    private static string IdOf(EmulatorServer server, string policyName) =>
        (string)server.State.AppPolicies(Account, Wiki).Single(p => (string?)p["name"] == policyName)["id"]!;

    private static TempFolder Folder()
    {
        var folder = new TempFolder();
        foreach (var (path, text) in Files)
        {
            folder.Write(path, text);
        }

        return folder;
    }

    private static Task<EmulatorServer> StartAsync() =>
        EmulatorServer.StartAsync(new EmulatorOptions { Seed = EmulatorSeed.Parse(Seed), Credentials = EmulatorCredentials.Token(Token) });

    private static Task<ProcessResult> RunAsync(TempFolder folder, EmulatorServer server, params string[] args) =>
        InProcessAccessSync.RunAsync(folder.Path, new Dictionary<string, string?> { ["CLOUDFLARE_API_TOKEN"] = Token }, [.. args, "--api-url", server.BaseUrl.ToString()]);
}
