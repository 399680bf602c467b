using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cloudflare.Tests;

/// <summary>The provider's read: the API's answers as the core's live model, each object kept whole as the API wrote it.</summary>
public class LiveMappingTests
{
    [Test]
    public async Task Each_application_has_its_policies_in_precedence_order_the_reusable_ones_known_by_the_account_s_list()
    {
        var seed = new EstateSeed(Apps: 3, PoliciesPerApp: 3, ReusablePolicies: 2, Groups: 2, ServiceTokens: 1, IdentityProviders: 1).Build();
        await using var h = await Harness.StartAsync(seed);

        var live = (await new CloudflareProvider(h.Client).ReadAsync([Harness.Account], CancellationToken.None)).Scopes.Single();

        live.Scope.ShouldBe(Harness.Account);
        var app = live.Applications.Single(a => a.Id == EstateSeed.AppId(1));
        (app.Name, app.Domain).ShouldBe(("App 1", "app1.example.com"));
        app.Policies.Select(p => (p.Name, p.Precedence, p.IsReusable)).ShouldBe(
            [("Policy 0", 1, false), ("Policy 1", 2, false), ("Policy 2", 3, false), ("Reusable 1", 4, true)]);
        live.ReusablePolicies.Select(p => (p.Id, p.IsReusable)).ShouldBe([(EstateSeed.ReusableId(0), true), (EstateSeed.ReusableId(1), true)]);
        live.Groups.Select(g => (g.Id, g.Name)).ShouldBe([(EstateSeed.GroupId(0), "Group 0"), (EstateSeed.GroupId(1), "Group 1")]);
        (live.ServiceTokens.Length, live.IdentityProviders.Length).ShouldBe((1, 1));
    }

    [Test]
    public async Task A_field_AccessSync_does_not_know_is_kept_as_read_in_the_application_and_in_its_policy()
    {
        var seed = new EstateSeed(Apps: 1, PoliciesPerApp: 1).Build();
        var app = seed["accounts"]![EstateSeed.AccountId]!["apps"]![0]!.AsObject();
        app["future_app_setting"] = new JsonObject { ["mode"] = "strict", ["levels"] = new JsonArray(1, 2) };
        app["policies"]![0]!["future_policy_setting"] = "kept";
        await using var h = await Harness.StartAsync(seed);

        var live = (await new CloudflareProvider(h.Client).ReadAsync([Harness.Account], CancellationToken.None)).Scopes.Single();

        var read = live.Applications.Single();
        read.Raw.GetProperty("future_app_setting").GetRawText().ShouldBe("""{"mode":"strict","levels":[1,2]}""");
        read.Policies.Single().Raw.GetProperty("future_policy_setting").GetString().ShouldBe("kept");
        read.Raw.GetProperty("policies").GetArrayLength().ShouldBe(1);
    }

    [Test]
    public async Task One_application_read_alone_is_mapped_as_in_the_estate()
    {
        var seed = new EstateSeed(Apps: 2, PoliciesPerApp: 2, ReusablePolicies: 1).Build();
        await using var h = await Harness.StartAsync(seed);
        var provider = new CloudflareProvider(h.Client);

        var inEstate = (await provider.ReadAsync([Harness.Account], CancellationToken.None)).Scopes.Single().Applications.Single(a => a.Id == EstateSeed.AppId(1));
        var alone = await provider.ReadApplicationAsync(Harness.Account, EstateSeed.AppId(1), CancellationToken.None);

        alone.ShouldNotBeNull();
        alone.Policies.Select(p => (p.Id, p.Precedence, p.IsReusable)).ShouldBe(inEstate.Policies.Select(p => (p.Id, p.Precedence, p.IsReusable)));
        alone.Raw.GetRawText().ShouldBe(inEstate.Raw.GetRawText());
        (await provider.ReadApplicationAsync(Harness.Account, EstateSeed.AppId(9), CancellationToken.None)).ShouldBeNull();
    }
}
