using System.Net;
using System.Text.Json.Nodes;
using AccessSync.Emulator.Tests.Support;

namespace AccessSync.Emulator.Tests;

/// <summary>Access applications: list, get, create, update, delete, in both scopes.</summary>
public class AppTests : EmulatorTest
{
    [Test]
    public async Task Creating_an_app_answers_201_with_an_id_aud_and_timestamps()
    {
        var answer = await Api.Post(Some.AccountPath("/access/apps"), Some.App("Jira", "jira.example.com"));

        answer.Status.ShouldBe(HttpStatusCode.Created);
        answer.Body["success"]!.GetValue<bool>().ShouldBeTrue();
        var app = answer.ResultObject;
        Guid.TryParse(app["id"]!.GetValue<string>(), out _).ShouldBeTrue();
        app["aud"]!.GetValue<string>().Length.ShouldBe(64);
        app["name"]!.GetValue<string>().ShouldBe("Jira");
        app["created_at"]!.GetValue<string>().ShouldBe("2026-01-02T03:04:05Z");
        app["updated_at"]!.GetValue<string>().ShouldBe("2026-01-02T03:04:05Z");
        app["policies"]!.AsArray().ShouldBeEmpty();
        (await Api.Get(Some.AccountPath($"/access/apps/{app["id"]}"))).ResultObject["name"]!.GetValue<string>().ShouldBe("Jira");
    }

    [Test]
    public async Task Getting_an_app_embeds_its_app_scoped_and_reusable_policies_in_precedence_order()
    {
        var app = (await Api.Get(Some.AccountPath($"/access/apps/{Some.GrafanaId}"))).ResultObject;

        var policies = app["policies"]!.AsArray();
        policies.Select(p => p!["name"]!.GetValue<string>()).ShouldBe(["Allow devs", "Block contractors"]);
        policies.Select(p => p!["precedence"]!.GetValue<int>()).ShouldBe([1, 2]);
        policies[1]!["id"]!.GetValue<string>().ShouldBe(Some.ReusableId);
        policies[1]!["decision"]!.GetValue<string>().ShouldBe("deny");
        policies[1]!.AsObject().ContainsKey("reusable").ShouldBeFalse();
        policies[0]!["include"]!.ToJsonString().ShouldBe($$$"""[{"group":{"id":"{{{Some.GroupId}}}"}}]""");
    }

    [Test]
    public async Task Listing_apps_answers_every_app_of_the_scope_and_no_other()
    {
        var account = await Api.Get(Some.AccountPath("/access/apps"));
        var zone = await Api.Get(Some.ZonePath("/access/apps"));

        account.ResultArray.Select(a => a!["name"]!.GetValue<string>()).ShouldBe(["Grafana", "Wiki"]);
        zone.ResultArray.Select(a => a!["name"]!.GetValue<string>()).ShouldBe(["Zone app"]);
        account.ResultArray.ShouldAllBe(a => a!.AsObject().ContainsKey("policies") && !a.AsObject().ContainsKey("x-emulator"));
    }

    [TestCase("?name=graf", new[] { "Grafana" })]
    [TestCase("?name=graf&exact=true", new string[0])]
    [TestCase("?name=Grafana&exact=true", new[] { "Grafana" })]
    [TestCase("?domain=wiki.example.com", new[] { "Wiki" })]
    [TestCase("?domain=example.com&exact=true", new string[0])]
    [TestCase("?search=WIKI", new[] { "Wiki" })]
    [TestCase("?search=example.com", new[] { "Grafana", "Wiki" })]
    public async Task The_apps_list_filters_by_name_domain_exact_and_search(string query, string[] expected)
    {
        var answer = await Api.Get(Some.AccountPath("/access/apps" + query));

        answer.ResultArray.Select(a => a!["name"]!.GetValue<string>()).ShouldBe(expected);
        answer.ResultInfo["total_count"]!.GetValue<int>().ShouldBe(expected.Length);
    }

    [Test]
    public async Task Updating_an_app_replaces_its_fields_keeps_id_aud_created_at_and_its_policies()
    {
        var before = (await Api.Get(Some.AccountPath($"/access/apps/{Some.GrafanaId}"))).ResultObject;
        Clock.Advance(TimeSpan.FromMinutes(5));

        var answer = await Api.Put(Some.AccountPath($"/access/apps/{Some.GrafanaId}"), new JsonObject
        {
            ["name"] = "Grafana 2",
            ["domain"] = "grafana2.example.com",
            ["type"] = "self_hosted",
        });

        answer.Status.ShouldBe(HttpStatusCode.OK);
        var after = answer.ResultObject;
        after["name"]!.GetValue<string>().ShouldBe("Grafana 2");
        after["id"]!.GetValue<string>().ShouldBe(Some.GrafanaId);
        after["aud"]!.ToJsonString().ShouldBe(before["aud"]!.ToJsonString());
        after["created_at"]!.ToJsonString().ShouldBe(before["created_at"]!.ToJsonString());
        after["updated_at"]!.GetValue<string>().ShouldBe("2026-01-02T03:09:05Z");
        after.ContainsKey("session_duration").ShouldBeFalse("PUT is a full replacement");
        after["policies"]!.AsArray().Count.ShouldBe(2);
    }

    [Test]
    public async Task Deleting_an_app_answers_202_with_its_id_and_then_it_is_gone()
    {
        var answer = await Api.Delete(Some.AccountPath($"/access/apps/{Some.GrafanaId}"));

        answer.Status.ShouldBe(HttpStatusCode.Accepted);
        answer.ResultObject.ToJsonString().ShouldBe($$"""{"id":"{{Some.GrafanaId}}"}""");
        var again = await Api.Get(Some.AccountPath($"/access/apps/{Some.GrafanaId}"));
        again.Status.ShouldBe(HttpStatusCode.NotFound);
        State.App(Some.AccountScope, Some.GrafanaId).ShouldBeNull();
    }

    [TestCase("GET")]
    [TestCase("PUT")]
    [TestCase("DELETE")]
    public async Task An_unknown_app_id_is_a_404_with_code_12135(string method)
    {
        var answer = await Api.Send(new HttpMethod(method), Some.AccountPath("/access/apps/99999999-9999-4999-8999-999999999999"), method == "PUT" ? Some.App().ToJsonString() : null);

        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        answer.Body["success"]!.GetValue<bool>().ShouldBeFalse();
        answer.ErrorCode.ShouldBe(12135);
        answer.ErrorMessage.ShouldStartWith("access.api.error.not_found");
    }

    [Test]
    public async Task A_zone_app_is_not_reachable_through_an_account_path()
    {
        (await Api.Get(Some.ZonePath($"/access/apps/{Some.ZoneAppId}"))).Status.ShouldBe(HttpStatusCode.OK);
        (await Api.Get(Some.AccountPath($"/access/apps/{Some.ZoneAppId}"))).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Read_only_app_fields_sent_by_a_client_are_ignored()
    {
        var body = Some.App();
        body["id"] = "not-mine";
        body["aud"] = "forged";
        body["created_at"] = "1999-01-01T00:00:00Z";
        body["updated_at"] = "1999-01-01T00:00:00Z";

        var app = (await Api.Post(Some.AccountPath("/access/apps"), body)).ResultObject;

        app["id"]!.GetValue<string>().ShouldNotBe("not-mine");
        app["aud"]!.GetValue<string>().ShouldNotBe("forged");
        app["created_at"]!.GetValue<string>().ShouldBe("2026-01-02T03:04:05Z");
        app["updated_at"]!.GetValue<string>().ShouldBe("2026-01-02T03:04:05Z");
    }

    [Test]
    public async Task App_fields_the_emulator_does_not_model_come_back_exactly_as_sent()
    {
        var body = Some.App();
        body["cors_headers"] = new JsonObject { ["allowed_methods"] = new JsonArray("GET"), ["max_age"] = 600 };
        body["x_future_field"] = new JsonArray(1, "two", new JsonObject { ["three"] = null });

        var created = (await Api.Post(Some.AccountPath("/access/apps"), body)).ResultObject;
        var read = (await Api.Get(Some.AccountPath($"/access/apps/{created["id"]}"))).ResultObject;

        read["cors_headers"]!.ToJsonString().ShouldBe("""{"allowed_methods":["GET"],"max_age":600}""");
        read["x_future_field"]!.ToJsonString().ShouldBe("""[1,"two",{"three":null}]""");
        (await Api.Get(Some.AccountPath($"/access/apps/{Some.GrafanaId}"))).ResultObject["custom_field"]!.ToJsonString().ShouldBe("""{"kept":[1,2]}""");
    }

    [Test]
    public async Task A_self_hosted_app_without_a_domain_is_refused()
    {
        var answer = await Api.Post(Some.AccountPath("/access/apps"), new JsonObject { ["name"] = "No domain", ["type"] = "self_hosted" });

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorCode.ShouldBe(12130);
        answer.ErrorMessage.ShouldContain("domain is required");
    }

    [Test]
    public async Task An_app_of_an_unknown_type_is_refused()
    {
        var body = Some.App();
        body["type"] = "teleporter";

        var answer = await Api.Post(Some.AccountPath("/access/apps"), body);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorMessage.ShouldContain("type \"teleporter\"");
    }
}
