using System.Net;
using System.Text.Json.Nodes;
using AccessSync.Emulator.Tests.Support;

namespace AccessSync.Emulator.Tests;

/// <summary>Reusable policies, attaching them to apps, and make_reusable.</summary>
public class ReusablePolicyTests : EmulatorTest
{
    private static readonly string Reusable = Some.AccountPath("/access/policies");

    private static string App(string appId = Some.GrafanaId) => Some.AccountPath($"/access/apps/{appId}");

    [Test]
    public async Task A_reusable_policy_answers_with_app_count_and_reusable_true_and_no_precedence()
    {
        var answer = await Api.Get(Reusable + "/" + Some.ReusableId);

        var policy = answer.ResultObject;
        policy["app_count"]!.GetValue<int>().ShouldBe(1);
        policy["reusable"]!.GetValue<bool>().ShouldBeTrue();
        policy.ContainsKey("precedence").ShouldBeFalse();
        (await Api.Get(Reusable + "/" + Some.SpareReusableId)).ResultObject["app_count"]!.GetValue<int>().ShouldBe(0);
    }

    [Test]
    public async Task Reusable_policies_are_created_201_listed_updated_and_deleted_202()
    {
        var created = await Api.Post(Reusable, Some.Policy("New reusable", precedence: 8));
        created.Status.ShouldBe(HttpStatusCode.Created);
        var id = created.ResultObject["id"]!.GetValue<string>();
        created.ResultObject.ContainsKey("precedence").ShouldBeFalse("a reusable policy has no precedence of its own");

        var list = await Api.Get(Reusable);
        list.ResultArray.Select(p => p!["name"]!.GetValue<string>()).ShouldBe(["Block contractors", "Allow ops", "New reusable"]);
        list.ResultInfo["per_page"]!.GetValue<int>().ShouldBe(100);

        Clock.Advance(TimeSpan.FromSeconds(1.5));
        var updated = await Api.Put(Reusable + "/" + id, Some.Policy("Renamed", decision: "deny"));
        updated.Status.ShouldBe(HttpStatusCode.OK);
        updated.ResultObject["name"]!.GetValue<string>().ShouldBe("Renamed");
        updated.ResultObject["updated_at"]!.GetValue<string>().ShouldBe("2026-01-02T03:04:06.5Z");
        updated.ResultObject["created_at"]!.GetValue<string>().ShouldBe("2026-01-02T03:04:05Z");

        var deleted = await Api.Delete(Reusable + "/" + id);
        deleted.Status.ShouldBe(HttpStatusCode.Accepted);
        deleted.ResultObject["id"]!.GetValue<string>().ShouldBe(id);
        (await Api.Get(Reusable + "/" + id)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_invalid_reusable_policy_is_refused()
    {
        var body = Some.Policy();
        body.Remove("include");

        var answer = await Api.Post(Reusable, body);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorCode.ShouldBe(12130);
    }

    [Test]
    public async Task Deleting_a_reusable_policy_still_attached_to_an_app_is_refused()
    {
        var answer = await Api.Delete(Reusable + "/" + Some.ReusableId);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorCode.ShouldBe(12130);
        answer.ErrorMessage.ShouldContain("still used by 1 application(s) (Grafana)");
        State.ReusablePolicy(Some.Account, Some.ReusableId).ShouldNotBeNull();
    }

    [Test]
    public async Task An_app_update_attaches_reusable_policies_by_bare_id_in_array_order()
    {
        var body = Some.App();
        body["policies"] = new JsonArray(Some.SpareReusableId, Some.ReusableId);

        var app = (await Api.Put(App(), body)).ResultObject;

        app["policies"]!.AsArray().Select(p => (p!["id"]!.GetValue<string>(), p["precedence"]!.GetValue<int>()))
            .ShouldBe([(Some.SpareReusableId, 1), (Some.ReusableId, 2)]);
        State.AppPolicies(Some.AccountScope, Some.GrafanaId).Count.ShouldBe(2);
        (await Api.Get(Some.AccountPath($"/access/apps/{Some.GrafanaId}/policies/{Some.LegacyPolicyId}"))).Status
            .ShouldBe(HttpStatusCode.NotFound, "an app-scoped policy left out of the list is deleted");
        (await Api.Get(Reusable + "/" + Some.SpareReusableId)).ResultObject["app_count"]!.GetValue<int>().ShouldBe(1);
    }

    [Test]
    public async Task An_app_update_attaches_reusable_policies_as_id_and_precedence_and_embeds_them_resolved()
    {
        var body = Some.App();
        body["policies"] = JsonNode.Parse($$"""
            [{"id": "{{Some.LegacyPolicyId}}", "precedence": 5}, {"id": "{{Some.SpareReusableId}}", "precedence": 2}, {"id": "{{Some.ReusableId}}", "precedence": 9}]
            """);

        var app = (await Api.Put(App(), body)).ResultObject;

        var policies = app["policies"]!.AsArray();
        policies.Select(p => p!["name"]!.GetValue<string>()).ShouldBe(["Allow ops", "Allow devs", "Block contractors"]);
        policies.Select(p => p!["precedence"]!.GetValue<int>()).ShouldBe([2, 5, 9]);
        policies[0]!["include"]!.ToJsonString().ShouldBe("""[{"email_domain":{"domain":"ops.example.com"}}]""");
    }

    [Test]
    public async Task An_app_update_with_an_empty_policies_array_detaches_every_reusable_policy()
    {
        var body = Some.App();
        body["policies"] = new JsonArray();

        var app = (await Api.Put(App(), body)).ResultObject;

        app["policies"]!.AsArray().ShouldBeEmpty();
        (await Api.Get(Reusable + "/" + Some.ReusableId)).ResultObject["app_count"]!.GetValue<int>().ShouldBe(0);
        (await Api.Delete(Reusable + "/" + Some.ReusableId)).Status.ShouldBe(HttpStatusCode.Accepted);
    }

    [Test]
    public async Task An_app_read_with_get_can_be_written_back_with_put_unchanged()
    {
        var read = (await Api.Get(App())).ResultObject;

        var written = await Api.Put(App(), read);

        written.Status.ShouldBe(HttpStatusCode.OK, written.ToString());
        written.ResultObject["policies"]!.ToJsonString().ShouldBe(read["policies"]!.ToJsonString());
    }

    [Test]
    public async Task Mixing_reusable_links_and_inline_policies_in_one_array_is_refused()
    {
        var body = Some.App();
        body["policies"] = new JsonArray(Some.ReusableId, Some.Policy("Inline", precedence: 7));

        var answer = await Api.Put(App(), body);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorMessage.ShouldContain("mutually exclusive");
    }

    [Test]
    public async Task Creating_an_app_with_inline_policies_creates_app_scoped_ones()
    {
        var body = Some.App("Jira", "jira.example.com");
        body["policies"] = new JsonArray(Some.Policy("First"), Some.Policy("Second"));

        var app = (await Api.Post(Some.AccountPath("/access/apps"), body)).ResultObject;

        var policies = app["policies"]!.AsArray();
        policies.Select(p => (p!["name"]!.GetValue<string>(), p["precedence"]!.GetValue<int>())).ShouldBe([("First", 1), ("Second", 2)]);
        (await Api.Get(Reusable)).ResultArray.Count.ShouldBe(2, "inline policies are not reusable");
        var appId = app["id"]!.GetValue<string>();
        (await Api.Delete(Some.AccountPath($"/access/apps/{appId}/policies/{policies[0]!["id"]}"))).Status.ShouldBe(HttpStatusCode.Accepted);
    }

    [Test]
    public async Task Attaching_a_policy_that_does_not_exist_is_refused()
    {
        var body = Some.App();
        body["policies"] = new JsonArray("99999999-9999-4999-8999-999999999999");

        var answer = await Api.Put(App(), body);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorMessage.ShouldContain("no policy with id 99999999-9999-4999-8999-999999999999");
        State.AppPolicies(Some.AccountScope, Some.GrafanaId).Count.ShouldBe(2);
    }

    [Test]
    public async Task Make_reusable_turns_an_app_scoped_policy_into_a_reusable_one_still_attached()
    {
        var answer = await Api.Put(Some.AccountPath($"/access/apps/{Some.GrafanaId}/policies/{Some.LegacyPolicyId}/make_reusable"));

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.ResultObject["id"]!.GetValue<string>().ShouldBe(Some.LegacyPolicyId);
        answer.ResultObject["reusable"]!.GetValue<bool>().ShouldBeTrue();
        answer.ResultObject["app_count"]!.GetValue<int>().ShouldBe(1);
        (await Api.Get(Reusable + "/" + Some.LegacyPolicyId)).Status.ShouldBe(HttpStatusCode.OK);
        State.AppPolicies(Some.AccountScope, Some.GrafanaId)[0]["precedence"]!.GetValue<int>().ShouldBe(1);
        (await Api.Put(Some.AccountPath($"/access/apps/{Some.GrafanaId}/policies/{Some.LegacyPolicyId}"), Some.Policy(precedence: 1))).Status
            .ShouldBe(HttpStatusCode.BadRequest, "after make_reusable it is managed only through /access/policies");
        (await Api.Put(Some.AccountPath($"/access/apps/{Some.GrafanaId}/policies/{Some.LegacyPolicyId}/make_reusable"))).Status
            .ShouldBe(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Reusable_policies_have_no_zone_form()
    {
        var answer = await Api.Get(Some.ZonePath("/access/policies"));

        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        answer.ErrorCode.ShouldBe(7003);
    }
}
