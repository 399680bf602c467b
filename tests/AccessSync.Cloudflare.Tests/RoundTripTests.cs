using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Model;
using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cloudflare.Tests;

public class RoundTripTests
{
    private static readonly string AppId = EstateSeed.AppId(0);

    /// <summary>The result of the spec's example response for an app-scoped policy update: every optional field set.</summary>
    private static JsonObject ExamplePolicy() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "seed-update-policy-response.json")))!["result"]!.DeepClone();

    [Test]
    public async Task The_spec_s_example_policy_is_read_with_every_field_and_written_back_unchanged()
    {
        var seed = new EstateSeed(Apps: 1).Build();
        seed["accounts"]![EstateSeed.AccountId]!["apps"]![0]!["policies"] = new JsonArray(ExamplePolicy());
        await using var h = await Harness.StartAsync(seed);

        var estate = await h.Client.ReadEstateAsync(Harness.Account);
        var read = estate.Applications.Single().Policies.ShouldHaveSingleItem();
        var fetched = await h.Client.GetApplicationPolicyAsync(Harness.Account, AppId, read.Id);

        read.Id.ShouldBe("f174e90a-fafe-4643-bbbc-4a0ed4fc8415");
        ShouldMatchApartFromReadOnlyFields(read.Raw, ExamplePolicy());
        ShouldMatchApartFromReadOnlyFields(fetched.Raw, ExamplePolicy());
        (read.Name, (string?)read.Raw["decision"], read.Precedence, (string?)read.Raw["session_duration"]).ShouldBe(("Allow devs", "allow", 0, "24h"));

        var written = await h.Client.UpdateApplicationPolicyAsync(Harness.Account, AppId, read.Id, read.ToWriteBody());

        var put = h.Requests.Last();
        put.Method.ShouldBe("PUT");
        ShouldMatchApartFromReadOnlyFields(JsonNode.Parse(put.Body!)!.AsObject(), ExamplePolicy());
        ShouldMatchApartFromReadOnlyFields(written.Raw, ExamplePolicy());
        ShouldMatchApartFromReadOnlyFields(h.Server.State.AppPolicies(Harness.AccountRef, AppId).Single(), ExamplePolicy());
    }

    [Test]
    public async Task Fields_the_client_does_not_know_survive_a_read_modify_write()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 1).Build());
        var live = h.Server.State.AppPolicies(Harness.AccountRef, AppId).Single();
        live["x_future_setting"] = new JsonObject { ["mode"] = "strict", ["levels"] = new JsonArray(1, "two", null) };
        live["purpose_justification_prompt"] = "Why do you need it?";
        h.Server.State.PutAppPolicy(Harness.AccountRef, AppId, live);

        var policy = (await h.Client.ReadEstateAsync(Harness.Account)).Applications.Single().Policies.Single();
        var body = policy.ToWriteBody();
        body["decision"] = "deny";
        await h.Client.UpdateApplicationPolicyAsync(Harness.Account, AppId, policy.Id, body);

        var after = h.Server.State.AppPolicies(Harness.AccountRef, AppId).Single();
        ((string?)after["decision"]).ShouldBe("deny");
        after["x_future_setting"]!.ToJsonString().ShouldBe("""{"mode":"strict","levels":[1,"two",null]}""");
        ((string?)after["purpose_justification_prompt"]).ShouldBe("Why do you need it?");
    }

    [Test]
    public async Task An_api_error_reads_code_method_path_and_message_on_one_line()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 2).Build());
        var second = EstateSeed.PolicyId(0, 1);
        var body = (await h.Client.GetApplicationPolicyAsync(Harness.Account, AppId, second)).ToWriteBody();
        body["precedence"] = 1;

        var ex = await Should.ThrowAsync<CloudflareApiException>(h.Client.UpdateApplicationPolicyAsync(Harness.Account, AppId, second, body));

        ex.Message.ShouldMatch($"^Cloudflare API error 12130 on PUT /accounts/{EstateSeed.AccountId}/access/apps/{AppId}/policies/{second}: [^\\n]*precedence[^\\n]*$");
        (ex.Method, ex.StatusCode, ex.Errors[0].Code).ShouldBe(("PUT", 400, 12130));
    }

    [Test]
    public async Task Zone_applications_are_read_and_written_under_the_zone()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 1).Build(inAccount: false, inZone: true));
        var body = new JsonObject
        {
            ["name"] = "Zone policy",
            ["decision"] = "bypass",
            ["include"] = new JsonArray(new JsonObject { ["ip"] = new JsonObject { ["ip"] = "192.0.2.0/24" } }),
            ["precedence"] = 2,
        };

        var created = await h.Client.CreateApplicationPolicyAsync(Harness.Zone, AppId, body);
        var update = created.ToWriteBody();
        update["session_duration"] = "30m";
        ((string?)(await h.Client.UpdateApplicationPolicyAsync(Harness.Zone, AppId, created.Id, update)).Raw["session_duration"]).ShouldBe("30m");
        await h.Client.DeleteApplicationPolicyAsync(Harness.Zone, AppId, EstateSeed.PolicyId(0, 0));

        (await h.Client.ListApplicationPoliciesAsync(Harness.Zone, AppId)).Select(p => p.Name).ShouldBe(["Zone policy"]);
        h.Requests.ShouldAllBe(r => r.Path.StartsWith($"/zones/{EstateSeed.ZoneId}/access/apps/{AppId}/policies", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_policy_made_reusable_is_listed_among_the_reusable_ones_and_zones_have_none()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 1).Build());

        var reusable = await h.Client.MakePolicyReusableAsync(Harness.Account, AppId, EstateSeed.PolicyId(0, 0));

        (await h.Client.ListReusablePoliciesAsync(Harness.Account)).Select(p => p.Id).ShouldBe([reusable.Id]);
        Should.Throw<CloudflareException>(() => h.Client.ListReusablePoliciesAsync(Harness.Zone))
            .Message.ShouldBe($"reusable policies exist only in accounts, not in zone {EstateSeed.ZoneId}");
    }

    [Test]
    public async Task Applications_and_reusable_policies_are_created_read_updated_and_deleted()
    {
        await using var h = await Harness.StartAsync(new EstateSeed().Build());

        var app = await h.Client.CreateApplicationAsync(Harness.Account, new JsonObject { ["name"] = "Grafana", ["domain"] = "grafana.example.com", ["type"] = "self_hosted" });
        var appBody = (await h.Client.GetApplicationAsync(Harness.Account, app.Id)).ToWriteBody();
        appBody["session_duration"] = "6h";
        (await h.Client.UpdateApplicationAsync(Harness.Account, app.Id, appBody)).SessionDuration.ShouldBe("6h");

        var reusable = await h.Client.CreateReusablePolicyAsync(Harness.Account, new JsonObject
        {
            ["name"] = "Contractors",
            ["decision"] = "deny",
            ["include"] = new JsonArray(new JsonObject { ["email_domain"] = new JsonObject { ["domain"] = "contractor.example" } }),
        });
        reusable.Reusable.ShouldBeTrue();
        var policyBody = (await h.Client.GetReusablePolicyAsync(Harness.Account, reusable.Id)).ToWriteBody();
        policyBody["decision"] = "bypass";
        ((string?)(await h.Client.UpdateReusablePolicyAsync(Harness.Account, reusable.Id, policyBody)).Raw["decision"]).ShouldBe("bypass");

        await h.Client.DeleteReusablePolicyAsync(Harness.Account, reusable.Id);
        await h.Client.DeleteApplicationAsync(Harness.Account, app.Id);

        var estate = await h.Client.ReadEstateAsync(Harness.Account);
        (estate.Applications.Count, estate.ReusablePolicies.Count).ShouldBe((0, 0));
        h.Requests.Where(r => r.Method != "GET").Select(r => (r.Method, r.Status)).ShouldBe(
            [("POST", 201), ("PUT", 200), ("POST", 201), ("PUT", 200), ("DELETE", 202), ("DELETE", 202)]);
    }

    [Test]
    public async Task Groups_service_tokens_and_identity_providers_are_read_with_their_fields()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Groups: 2, ServiceTokens: 1, IdentityProviders: 1).Build());

        var group = await h.Client.GetGroupAsync(Harness.Account, EstateSeed.GroupId(1));
        var token = (await h.Client.ListServiceTokensAsync(Harness.Account)).Single();
        var idp = (await h.Client.ListIdentityProvidersAsync(Harness.Account)).Single();

        (group.Name, group.Raw["include"]!.AsArray().Count).ShouldBe(("Group 1", 1));
        (token.Name, token.ClientId, token.Duration).ShouldBe(("Token 0", "00000000.access", "8760h"));
        (idp.Name, idp.Type).ShouldBe(("IdP 0", "okta"));
    }

    private static void ShouldMatchApartFromReadOnlyFields(JsonObject actual, JsonObject expected)
    {
        var a = AccessPolicy.FromJson(actual).ToWriteBody();
        var e = AccessPolicy.FromJson(expected).ToWriteBody();
        JsonNode.DeepEquals(a, e).ShouldBeTrue($"expected {e.ToJsonString()}\nbut got  {a.ToJsonString()}");
    }
}
