using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Core.Planning;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Cloudflare.Tests;

/// <summary>
/// A write the API carried out but whose answer was lost is done, not failed: the provider confirms it by reading
/// what the API holds, and nothing is written twice.
/// </summary>
public class LostAnswerTests
{
    private static readonly string AppId = EstateSeed.AppId(0);
    private static readonly AppTarget App = new(Harness.Account, AppId, "App 0", "app.yaml");

    [Test]
    public async Task A_create_whose_answer_was_lost_is_done_once()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 1).Build());
        h.Server.Faults.Enqueue(Fault.ResetAfterCommit().When("POST"));

        var answer = await Writer(h).CreatePolicyAsync(App, Policy("Allow SRE", 2), CancellationToken.None);

        answer.Failure.ShouldBeNull();
        var live = h.Server.State.AppPolicies(Harness.AccountRef, AppId).Where(p => (string?)p["name"] == "Allow SRE").ShouldHaveSingleItem();
        answer.Written!.Value.GetProperty("id").GetString().ShouldBe((string?)live["id"]);
        h.Requests.Count(r => r.Method == "POST").ShouldBe(1);
    }

    [Test]
    public async Task An_update_whose_answer_was_lost_is_done_with_the_object_read_back()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 1).Build());
        h.Server.Faults.Enqueue(Fault.ResetAfterCommit().When("PUT"));

        var answer = await Writer(h).UpdatePolicyAsync(App, EstateSeed.PolicyId(0, 0), Policy("Renamed", 1), CancellationToken.None);

        answer.Failure.ShouldBeNull();
        answer.Written!.Value.GetProperty("name").GetString().ShouldBe("Renamed");
        h.Requests.Count(r => r.CommittedWithoutAnswer).ShouldBe(1);
        h.Server.State.AppPolicies(Harness.AccountRef, AppId).ShouldHaveSingleItem()["name"]!.GetValue<string>().ShouldBe("Renamed");
    }

    [Test]
    public async Task A_reorder_whose_answer_was_lost_is_done_with_the_order_read_back()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 2).Build());
        h.Server.Faults.Enqueue(Fault.ResetAfterCommit().When("PUT"));

        var answer = await Writer(h).UpdatePolicyAsync(App, EstateSeed.PolicyId(0, 0), Policy("Policy 0", 3), CancellationToken.None);

        answer.Failure.ShouldBeNull();
        answer.Written!.Value.GetProperty("precedence").GetInt32().ShouldBe(3);
        h.Requests.Count(r => r.CommittedWithoutAnswer).ShouldBe(1);
        h.Server.State.AppPolicies(Harness.AccountRef, AppId).Select(p => ((string?)p["name"], (int?)p["precedence"]))
            .ShouldBe([("Policy 1", 2), ("Policy 0", 3)]);
    }

    [Test]
    public async Task A_delete_whose_answer_was_lost_is_done_once_a_read_shows_it_gone()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 2).Build());
        h.Server.Faults.Enqueue(Fault.ResetAfterCommit().When("DELETE"));

        var answer = await Writer(h).DeletePolicyAsync(App, EstateSeed.PolicyId(0, 0), CancellationToken.None);

        answer.Failure.ShouldBeNull();
        answer.LostAnswer.ShouldNotBeNull();
        h.Server.State.AppPolicies(Harness.AccountRef, AppId).ShouldHaveSingleItem()["name"]!.GetValue<string>().ShouldBe("Policy 1");
    }

    [Test]
    public async Task A_reusable_delete_whose_answer_was_lost_is_done_once_a_read_shows_it_gone()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(ReusablePolicies: 2).Build());
        h.Server.Faults.Enqueue(Fault.ResetAfterCommit().When("DELETE"));

        var answer = await Writer(h).DeleteReusablePolicyAsync(Harness.Account, EstateSeed.ReusableId(0), CancellationToken.None);

        answer.Failure.ShouldBeNull();
        answer.LostAnswer.ShouldNotBeNull();
        h.Server.State.ReusablePolicies(EstateSeed.AccountId).ShouldHaveSingleItem()["name"]!.GetValue<string>().ShouldBe("Reusable 1");
    }

    [Test]
    public async Task A_delete_of_a_policy_that_was_gone_before_it_was_sent_still_fails()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 1).Build());

        var answer = await Writer(h).DeletePolicyAsync(App, EstateSeed.PolicyId(0, 7), CancellationToken.None);

        answer.Failure.ShouldNotBeNull();
        answer.Failure.ShouldContain("12135");
        h.Requests.Select(r => r.Method).ShouldBe(["DELETE"]);
    }

    [Test]
    public async Task Making_a_policy_reusable_whose_answer_was_lost_is_done_once_a_read_shows_it_reusable()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 1).Build());
        h.Server.Faults.Enqueue(Fault.ResetAfterCommit().When("PUT", "make_reusable"));

        var answer = await Writer(h).MakePolicyReusableAsync(App, EstateSeed.PolicyId(0, 0), CancellationToken.None);

        answer.Failure.ShouldBeNull();
        answer.Written!.Value.GetProperty("id").GetString().ShouldBe(EstateSeed.PolicyId(0, 0));
        h.Server.State.ReusablePolicies(EstateSeed.AccountId).ShouldHaveSingleItem()["id"]!.GetValue<string>().ShouldBe(EstateSeed.PolicyId(0, 0));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task An_application_put_whose_answer_was_lost_is_done_with_the_application_read_back(bool attach)
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 1, ReusablePolicies: 2).Build());
        h.Server.Faults.Enqueue(Fault.ResetAfterCommit().When("PUT"));
        var app = h.Server.State.App(Harness.AccountRef, AppId)!;
        var policies = new JsonArray(new JsonObject { ["id"] = EstateSeed.PolicyId(0, 0), ["precedence"] = 1 });
        if (attach)
        {
            policies.Add(new JsonObject { ["id"] = EstateSeed.ReusableId(0), ["precedence"] = 2 });
            policies.Add(new JsonObject { ["id"] = EstateSeed.ReusableId(1), ["precedence"] = 3 });
        }

        var body = new JsonObject { ["name"] = (string?)app["name"], ["domain"] = (string?)app["domain"], ["type"] = "self_hosted", ["policies"] = policies };

        var answer = await Writer(h).UpdateApplicationAsync(App, body, CancellationToken.None);

        answer.Failure.ShouldBeNull();
        h.Requests.Count(r => r.CommittedWithoutAnswer).ShouldBe(1);
        var held = h.Server.State.App(Harness.AccountRef, AppId)!["policies"]!.AsArray().Count;
        held.ShouldBe(attach ? 3 : 1);
        answer.Written!.Value.GetProperty("policies").GetArrayLength().ShouldBe(held);
    }

    private static CloudflareProvider Writer(Harness h) => new(h.Client);

    private static JsonObject Policy(string name, int precedence) => new()
    {
        ["name"] = name,
        ["decision"] = "allow",
        ["include"] = new JsonArray(new JsonObject { ["email_domain"] = new JsonObject { ["domain"] = "example.com" } }),
        ["precedence"] = precedence,
    };
}
