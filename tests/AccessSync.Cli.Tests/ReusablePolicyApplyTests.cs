using System.Text.Json.Nodes;
using AccessSync.Cli.Tests.Support;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>
/// Reusable policies planned and applied by the real process against the emulator over HTTP: created before any
/// application attaches them, attached before they are detached, detached everywhere before they are deleted,
/// and created as owned reusable policies for an application that refuses app-scoped ones.
/// </summary>
public class ReusablePolicyApplyTests
{
    private const string Token = "cf-token-5c1e9a7b3d2f4e6a8b0c";
    private const string AccountId = "9a7806061c88ada191ed06f989cc3dac";
    private const string Developers = "aa0a4aab-672b-4bdb-bc33-a59f1130a11f";
    private const string Contractors = "bb1b5bbc-783c-4cec-8d44-b60a2241b220";
    private const string AllowDevelopers = "11111111-1111-4111-8111-111111111111";
    private const string OldShared = "22222222-2222-4222-8222-222222222222";
    private const string Forgotten = "33333333-3333-4333-8333-333333333333";

    /// <summary>
    /// Grafana has its own policy and two reusable ones; Wiki shares one of them; New portal is new: it has no
    /// policy and refuses app-scoped ones, as Cloudflare's applications created today do.
    /// </summary>
    private const string Seed = $$$"""
        {"accounts": {"{{{AccountId}}}": {
          "groups": [{"id": "{{{Developers}}}", "name": "Developers", "include": [{"everyone": {}}]}, {"id": "{{{Contractors}}}", "name": "Contractors", "include": [{"everyone": {}}]}],
          "reusable_policies": [
            {"id": "{{{AllowDevelopers}}}", "name": "Allow developers", "decision": "allow", "include": [{"group": {"id": "{{{Developers}}}"}}], "session_duration": "24h"},
            {"id": "{{{OldShared}}}", "name": "Old shared", "decision": "allow", "include": [{"everyone": {}}]},
            {"id": "{{{Forgotten}}}", "name": "Forgotten", "decision": "deny", "include": [{"everyone": {}}]}
          ],
          "apps": [
            {"id": "a1a1a1a1-0000-4000-8000-000000000001", "name": "Grafana", "domain": "grafana.example.com", "type": "self_hosted",
             "policies": [
               {"id": "b1b1b1b1-0000-4000-8000-000000000001", "name": "Block contractors", "decision": "deny", "precedence": 1, "include": [{"group": {"id": "{{{Contractors}}}"}}]},
               {"id": "{{{OldShared}}}", "precedence": 2},
               {"id": "{{{AllowDevelopers}}}", "precedence": 3}
             ]},
            {"id": "a1a1a1a1-0000-4000-8000-000000000002", "name": "Wiki", "domain": "wiki.example.com", "type": "self_hosted",
             "policies": [
               {"id": "b1b1b1b1-0000-4000-8000-000000000002", "name": "Allow staff", "decision": "allow", "precedence": 1, "include": [{"group": {"id": "{{{Developers}}}"}}]},
               {"id": "{{{OldShared}}}", "precedence": 2}
             ]},
            {"id": "a1a1a1a1-0000-4000-8000-000000000003", "name": "New portal", "domain": "portal.example.com", "type": "self_hosted",
             "x-emulator": {"refuse_app_scoped_policies": true}, "policies": []}
          ]
        } } }
        """;

    private static readonly Dictionary<string, string> Files = new()
    {
        ["accesssync.yaml"] = $"account_id: {AccountId}\n",
        ["reusable/allow-developers.yaml"] = "policy: {name: Allow developers, decision: allow, include: [{group: Developers}], session_duration: 8h}\n",
        ["reusable/allow-sre.yaml"] = "policy: {name: Allow SRE, decision: allow, include: [{email_domain: sre.example.com}]}\n",
        ["apps/grafana.yaml"] = """
            app: {name: Grafana}
            policies:
              - {name: Block contractors, decision: deny, include: [{group: Contractors}]}
              - use: Allow SRE
              - {name: Allow on-call, decision: allow, include: [{email: oncall@example.com}]}
              - use: Allow developers
            """,
        ["apps/wiki.yaml"] = """
            app: {name: Wiki}
            policies:
              - use: Allow developers
              - {name: Allow staff, decision: allow, include: [{group: Developers}]}
            """,
        ["apps/new-portal.yaml"] = """
            app: {name: New portal}
            policies:
              - {name: Allow devs, decision: allow, include: [{group: Developers}]}
            """,
    };

    [Test]
    public async Task Apply_converges_and_no_application_is_ever_without_a_policy_both_states_give_it()
    {
        using var folder = new TempFolder();
        foreach (var (path, text) in Files)
        {
            folder.Write(path, text);
        }

        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = EmulatorSeed.Parse(Seed), Credentials = EmulatorCredentials.Token(Token) });
        var before = Attached(server);

        var plan = await RunAsync(folder, server, "plan", "--no-color");
        plan.ExitCode.ShouldBe(ExitCodes.Success, plan.StdErr);
        plan.StdOut.ShouldContain("Plan: 3 to create, 1 to update, 2 to delete, 0 to reorder, 3 to attach, 2 to detach.");

        server.Requests.Clear();
        var apply = await RunAsync(folder, server, "apply", "--auto-approve", "--no-color");
        apply.ExitCode.ShouldBe(ExitCodes.Success, apply.StdOut + apply.StdErr);
        var writes = server.Requests.All.Where(r => r.Method != "GET").ToList();

        var after = Attached(server);
        after["Grafana"].ShouldBe(["Block contractors", "Allow SRE", "Allow on-call", "Allow developers"]);
        after["Wiki"].ShouldBe(["Allow developers", "Allow staff"]);
        after["New portal"].ShouldBe(["[New portal] Allow devs"]);
        server.State.ReusablePolicies(AccountId).Select(p => (string?)p["name"]).Order(StringComparer.Ordinal)
            .ShouldBe(["Allow SRE", "Allow developers", "[New portal] Allow devs"]);
        ((string?)server.State.ReusablePolicy(AccountId, AllowDevelopers)!["session_duration"]).ShouldBe("8h");

        AssertNoApplicationLostAPolicyBothStatesGiveIt(writes, before, after);
        AssertReusablePoliciesAreCreatedBeforeAttachedAndDetachedBeforeDeleted(writes);

        var again = await RunAsync(folder, server, "plan", "--detailed-exitcode");
        again.ExitCode.ShouldBe(ExitCodes.Success, again.StdOut + again.StdErr);
    }

    [Test]
    public async Task A_policy_created_in_an_application_that_refuses_app_scoped_policies_is_owned_and_visible_by_name()
    {
        using var folder = new TempFolder();
        folder.Write("accesssync.yaml", $"account_id: {AccountId}\n");
        folder.Write("apps/new-portal.yaml", Files["apps/new-portal.yaml"]);
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = EmulatorSeed.Parse(Seed), Credentials = EmulatorCredentials.Token(Token) });

        var apply = await RunAsync(folder, server, "apply", "--auto-approve", "--no-color", "--target", "New portal");

        apply.ExitCode.ShouldBe(ExitCodes.Success, apply.StdOut + apply.StdErr);
        apply.StdOut.ShouldContain("[New portal] Allow devs");
        var portal = server.State.Apps(ScopeRef.Account(AccountId)).Single(a => (string?)a["name"] == "New portal");
        var policy = portal["policies"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        ((string?)policy["name"]).ShouldBe("[New portal] Allow devs");
        ((int?)policy["precedence"]).ShouldBe(1);
        var owned = server.State.ReusablePolicy(AccountId, (string)policy["id"]!).ShouldNotBeNull();
        ((string?)owned["decision"]).ShouldBe("allow");
        ((string?)owned["include"]![0]!["group"]!["id"]).ShouldBe(Developers);
        var again = await RunAsync(folder, server, "plan", "--detailed-exitcode", "--target", "New portal");
        again.ExitCode.ShouldBe(ExitCodes.Success, again.StdOut + again.StdErr);
    }

    [Test]
    public async Task A_policy_moved_to_reusable_is_converted_in_place_through_a_saved_plan()
    {
        using var folder = new TempFolder();
        folder.Write("accesssync.yaml", $"account_id: {AccountId}\n");
        folder.Write("reusable/block-contractors.yaml", "policy: {name: Block contractors, decision: deny, include: [{group: Contractors}], session_duration: 1h}\n");
        folder.Write("apps/grafana.yaml", "app: {name: Grafana}\npolicies:\n  - use: Block contractors\n  - use: Allow developers\n");
        folder.Write("apps/wiki.yaml", "app: {name: Wiki}\npolicies:\n  - use: Block contractors\n  - {name: Allow staff, decision: allow, include: [{group: Developers}]}\n");
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = EmulatorSeed.Parse(Seed), Credentials = EmulatorCredentials.Token(Token) });
        const string Legacy = "b1b1b1b1-0000-4000-8000-000000000001";

        var plan = await RunAsync(folder, server, "plan", "--no-color", "--out", Path.Combine(folder.Path, "plan.json"));
        server.Requests.Clear();
        var apply = await RunAsync(folder, server, "apply", "--auto-approve", "--no-color", "--plan", Path.Combine(folder.Path, "plan.json"));

        plan.ExitCode.ShouldBe(ExitCodes.Success, plan.StdOut + plan.StdErr);
        plan.StdOut.ShouldContain("converted from a policy of Grafana's own (make_reusable: same id, same place)");
        apply.ExitCode.ShouldBe(ExitCodes.Success, apply.StdOut + apply.StdErr);
        var writes = server.Requests.All.Where(r => r.Method != "GET").Select(r => $"{r.Method} {r.Path}").ToList();
        writes[0].ShouldBe($"PUT /accounts/{AccountId}/access/apps/a1a1a1a1-0000-4000-8000-000000000001/policies/{Legacy}/make_reusable");
        writes[1].ShouldBe($"PUT /accounts/{AccountId}/access/policies/{Legacy}");
        var converted = server.State.ReusablePolicy(AccountId, Legacy).ShouldNotBeNull();
        ((string?)converted["session_duration"]).ShouldBe("1h");
        server.State.ReusablePolicies(AccountId).Count(p => (string?)p["name"] == "Block contractors").ShouldBe(1);
        Links(server, "Grafana").ShouldBe([(Legacy, 1), (AllowDevelopers, 2)]);
        Links(server, "Wiki")[0].ShouldBe((Legacy, 1));
        Attached(server)["Wiki"].ShouldBe(["Block contractors", "Allow staff"]);
        var again = await RunAsync(folder, server, "plan", "--detailed-exitcode", "--target", "Grafana", "--target", "Wiki");
        again.ExitCode.ShouldBe(ExitCodes.Success, again.StdOut + again.StdErr);
    }

    private static Task<ProcessResult> RunAsync(TempFolder folder, EmulatorServer server, params string[] args) =>
        AccessSyncProcess.RunAsync(folder.Path, new Dictionary<string, string?> { ["CLOUDFLARE_API_TOKEN"] = Token }, [.. args, "--api-url", server.BaseUrl.ToString()]);

    /// <summary>Each application's policies, by name, in precedence order.</summary>
    private static Dictionary<string, List<string>> Attached(EmulatorServer server) =>
        server.State.Apps(ScopeRef.Account(AccountId)).ToDictionary(
            a => (string)a["name"]!,
            a => a["policies"]!.AsArray().OrderBy(p => (int)p!["precedence"]!).Select(p => (string)p!["name"]!).ToList());

    /// <summary>An application's policies by id, with their precedences, in precedence order.</summary>
    private static List<(string Id, int Precedence)> Links(EmulatorServer server, string app) =>
        [.. server.State.Apps(ScopeRef.Account(AccountId)).Single(a => (string?)a["name"] == app)["policies"]!.AsArray()
            .Select(p => ((string)p!["id"]!, (int)p["precedence"]!))
            .OrderBy(p => p.Item2)];

    /// <summary>
    /// Replays the writes the emulator received, application by application: after every write that changes an
    /// application's policies, it must still have every policy (by id) that it has both before and after the apply.
    /// </summary>
    private static void AssertNoApplicationLostAPolicyBothStatesGiveIt(List<RecordedRequest> writes, Dictionary<string, List<string>> before, Dictionary<string, List<string>> after)
    {
        var apps = new Dictionary<string, string>
        {
            ["a1a1a1a1-0000-4000-8000-000000000001"] = "Grafana",
            ["a1a1a1a1-0000-4000-8000-000000000002"] = "Wiki",
            ["a1a1a1a1-0000-4000-8000-000000000003"] = "New portal",
        };
        var seed = JsonNode.Parse(Seed)!["accounts"]![AccountId]!["apps"]!.AsArray();
        var state = seed.ToDictionary(a => (string)a!["id"]!, a => a!["policies"]!.AsArray().Select(p => (string)p!["id"]!).ToHashSet());
        var names = seed.SelectMany(a => a!["policies"]!.AsArray()).Where(p => p!["name"] is not null).ToDictionary(p => (string)p!["id"]!, p => (string)p!["name"]!);
        names[OldShared] = "Old shared";
        names[AllowDevelopers] = "Allow developers";
        var kept = apps.ToDictionary(a => a.Key, a => before[a.Value].Intersect(after[a.Value]).ToHashSet());

        foreach (var write in writes)
        {
            var parts = write.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["accounts", _, "access", "apps", var app] && write.Method == "PUT")
            {
                state[app] = [.. JsonNode.Parse(write.Body!)!["policies"]!.AsArray().Select(p => (string)p!["id"]!)];
            }
            else if (parts is ["accounts", _, "access", "apps", var owner, "policies", var policy] && write.Method == "DELETE")
            {
                state[owner].Remove(policy);
            }
            else
            {
                continue;
            }

            foreach (var (id, must) in kept)
            {
                var present = state[id].Select(p => names.GetValueOrDefault(p, p)).ToHashSet();
                must.Except(present).ShouldBeEmpty($"after {write.Method} {write.Path}, {apps[id]} lacks a policy it has both before and after the apply");
            }
        }
    }

    private static void AssertReusablePoliciesAreCreatedBeforeAttachedAndDetachedBeforeDeleted(List<RecordedRequest> writes)
    {
        var appWrites = writes.Select((w, i) => (w, i)).Where(x => x.w.Method == "PUT" && x.w.Path.Contains("/access/apps/", StringComparison.Ordinal) && !x.w.Path.Contains("/policies", StringComparison.Ordinal)).ToList();
        var reusableCreates = writes.Select((w, i) => (w, i)).Where(x => x.w.Method == "POST" && x.w.Path.EndsWith("/access/policies", StringComparison.Ordinal)).ToList();
        var reusableDeletes = writes.Select((w, i) => (w, i)).Where(x => x.w.Method == "DELETE" && x.w.Path.Contains("/access/policies/", StringComparison.Ordinal) && !x.w.Path.Contains("/apps/", StringComparison.Ordinal)).ToList();

        reusableCreates.Count.ShouldBe(2);
        reusableDeletes.Select(d => d.w.Path.Split('/')[^1]).Order(StringComparer.Ordinal).ShouldBe([OldShared, Forgotten]);
        appWrites.Count.ShouldBe(3);
        reusableCreates.Max(c => c.i).ShouldBeLessThan(appWrites.Min(a => a.i), "every reusable policy is created before any application attaches one");
        reusableDeletes.Min(d => d.i).ShouldBeGreaterThan(appWrites.Max(a => a.i), "reusable policies are deleted only after every application let them go");
    }
}
