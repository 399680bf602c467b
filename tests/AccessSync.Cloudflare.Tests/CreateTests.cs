using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Cloudflare.Tests;

public class CreateTests
{
    private static readonly string AppId = EstateSeed.AppId(0);

    [Test]
    public async Task A_create_that_timed_out_after_the_server_made_it_yields_that_object_and_no_duplicate()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 1).Build());
        h.Server.Faults.Enqueue(Fault.ResetAfterCommit().When("POST"));

        var created = await h.Client.CreateApplicationPolicyAsync(Harness.Account, AppId, NewPolicy("Allow SRE"));

        var live = h.Server.State.AppPolicies(Harness.AccountRef, AppId).Where(p => (string?)p["name"] == "Allow SRE").ShouldHaveSingleItem();
        created.Id.ShouldBe((string?)live["id"]);
        created.Precedence.ShouldBe(2);
        h.Requests.Select(r => (r.Method, r.Status)).ShouldBe([("POST", 0), ("GET", 200)]);
    }

    [Test]
    public async Task A_create_refused_before_the_server_made_it_is_sent_again_once()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1).Build());
        h.Server.Faults.Enqueue(Fault.Reset().When("POST"));
        h.Server.Faults.Enqueue(Fault.Status(502).When("POST"));

        var created = await h.Client.CreateReusablePolicyAsync(Harness.Account, NewPolicy("Contractors", precedence: null));

        h.Server.State.ReusablePolicies(EstateSeed.AccountId).ShouldHaveSingleItem()["id"]!.GetValue<string>().ShouldBe(created.Id);
        h.Requests.Select(r => (r.Method, r.Status)).ShouldBe([("POST", 0), ("GET", 200), ("POST", 502), ("GET", 200), ("POST", 201)]);
    }

    [Test]
    public async Task The_lookup_after_a_lost_create_does_not_mistake_a_reusable_policy_of_the_same_name_for_it()
    {
        // App 0 uses reusable policy "Reusable 0" at precedence 2; an app-scoped policy of that name goes in at 3.
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 1, ReusablePolicies: 1).Build());
        h.Server.Faults.Enqueue(Fault.Reset().When("POST"));

        var created = await h.Client.CreateApplicationPolicyAsync(Harness.Account, AppId, NewPolicy("Reusable 0", precedence: 3));

        created.Id.ShouldNotBe(EstateSeed.ReusableId(0));
        h.Server.State.AppPolicies(Harness.AccountRef, AppId).Select(p => ((string?)p["name"], (int?)p["precedence"]))
            .ShouldBe([("Policy 0", 1), ("Reusable 0", 2), ("Reusable 0", 3)]);
    }

    [Test]
    public async Task A_rate_limited_create_is_sent_again_without_looking_first()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1).Build());
        h.Server.Faults.Enqueue(Fault.Status(429, retryAfterSeconds: 1).When("POST"));

        await h.Client.CreateApplicationPolicyAsync(Harness.Account, AppId, NewPolicy("Allow SRE"));

        h.Requests.Select(r => (r.Method, r.Status)).ShouldBe([("POST", 429), ("POST", 201)]);
    }

    [Test]
    public async Task An_application_created_without_an_answer_is_found_by_name_and_domain()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 2).Build());
        h.Server.Faults.Enqueue(Fault.ResetAfterCommit().When("POST"));
        var body = new JsonObject { ["name"] = "Grafana", ["domain"] = "grafana.example.com", ["type"] = "self_hosted" };

        var app = await h.Client.CreateApplicationAsync(Harness.Account, body);

        h.Server.State.Apps(Harness.AccountRef).Count(a => (string?)a["name"] == "Grafana").ShouldBe(1);
        app.Domain.ShouldBe("grafana.example.com");
        h.Requests.Count(r => r.Method == "POST").ShouldBe(1);
    }

    private static JsonObject NewPolicy(string name, int? precedence = 2)
    {
        var policy = new JsonObject
        {
            ["name"] = name,
            ["decision"] = "allow",
            ["include"] = new JsonArray(new JsonObject { ["email_domain"] = new JsonObject { ["domain"] = "example.com" } }),
        };
        if (precedence is { } p)
        {
            policy["precedence"] = p;
        }

        return policy;
    }
}
