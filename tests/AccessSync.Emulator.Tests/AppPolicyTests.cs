using System.Net;
using System.Text.Json.Nodes;
using AccessSync.Emulator.Tests.Support;

namespace AccessSync.Emulator.Tests;

/// <summary>App-scoped ("legacy") policies under /apps/{app_id}/policies.</summary>
public class AppPolicyTests : EmulatorTest
{
    private static string Policies(string appId = Some.GrafanaId) => Some.AccountPath($"/access/apps/{appId}/policies");

    [Test]
    public async Task Creating_a_policy_answers_201_with_id_precedence_account_id_and_timestamps()
    {
        var answer = await Api.Post(Policies(), Some.Policy("Allow ops", precedence: 3));

        answer.Status.ShouldBe(HttpStatusCode.Created);
        var policy = answer.ResultObject;
        Guid.TryParse(policy["id"]!.GetValue<string>(), out _).ShouldBeTrue();
        policy["precedence"]!.GetValue<int>().ShouldBe(3);
        policy["account_id"]!.GetValue<string>().ShouldBe(Some.Account);
        policy["created_at"]!.GetValue<string>().ShouldBe("2026-01-02T03:04:05Z");
        policy.ContainsKey("reusable").ShouldBeFalse();
        State.AppPolicies(Some.AccountScope, Some.GrafanaId).Select(p => p["name"]!.GetValue<string>()).ShouldBe(["Allow devs", "Block contractors", "Allow ops"]);
    }

    [Test]
    public async Task A_policy_created_without_precedence_goes_last()
    {
        var policy = (await Api.Post(Policies(), Some.Policy("Last"))).ResultObject;

        policy["precedence"]!.GetValue<int>().ShouldBe(3);
    }

    [Test]
    public async Task The_policies_list_holds_legacy_and_reusable_policies_in_precedence_order()
    {
        State.AttachReusablePolicy(Some.Account, Some.GrafanaId, Some.SpareReusableId, 0);

        var answer = await Api.Get(Policies());

        answer.ResultArray.Select(p => p!["name"]!.GetValue<string>()).ShouldBe(["Allow ops", "Allow devs", "Block contractors"]);
        answer.ResultArray.Select(p => p!["precedence"]!.GetValue<int>()).ShouldBe([0, 1, 2]);
        answer.ResultInfo["per_page"]!.GetValue<int>().ShouldBe(200);
        (await Api.Get(Policies() + "/" + Some.ReusableId)).ResultObject["name"]!.GetValue<string>().ShouldBe("Block contractors");
    }

    [Test]
    public async Task Updating_a_policy_replaces_it_and_keeps_id_and_created_at()
    {
        Clock.Advance(TimeSpan.FromHours(1));
        var body = Some.Policy("Allow devs, renamed", precedence: 1, decision: "bypass");

        var answer = await Api.Put(Policies() + "/" + Some.LegacyPolicyId, body);

        answer.Status.ShouldBe(HttpStatusCode.OK);
        var policy = answer.ResultObject;
        policy["id"]!.GetValue<string>().ShouldBe(Some.LegacyPolicyId);
        policy["name"]!.GetValue<string>().ShouldBe("Allow devs, renamed");
        policy["decision"]!.GetValue<string>().ShouldBe("bypass");
        policy["created_at"]!.GetValue<string>().ShouldBe("2026-01-02T03:04:05Z");
        policy["updated_at"]!.GetValue<string>().ShouldBe("2026-01-02T04:04:05Z");
        (await Api.Get(Policies() + "/" + Some.LegacyPolicyId)).ResultObject.ToJsonString().ShouldBe(policy.ToJsonString());
    }

    [Test]
    public async Task Deleting_a_policy_answers_202_with_its_id_and_removes_it_from_the_app()
    {
        var answer = await Api.Delete(Policies() + "/" + Some.LegacyPolicyId);

        answer.Status.ShouldBe(HttpStatusCode.Accepted);
        answer.ResultObject["id"]!.GetValue<string>().ShouldBe(Some.LegacyPolicyId);
        (await Api.Get(Policies() + "/" + Some.LegacyPolicyId)).Status.ShouldBe(HttpStatusCode.NotFound);
        State.App(Some.AccountScope, Some.GrafanaId)!["policies"]!.AsArray().Count.ShouldBe(1);
    }

    [TestCase("PUT")]
    [TestCase("DELETE")]
    public async Task A_reusable_policy_cannot_be_changed_through_the_app_path(string method)
    {
        var answer = await Api.Send(new HttpMethod(method), Policies() + "/" + Some.ReusableId, method == "PUT" ? Some.Policy(precedence: 2).ToJsonString() : null);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorCode.ShouldBe(12130);
        answer.ErrorMessage.ShouldContain($"/access/policies/{Some.ReusableId}");
        State.ReusablePolicy(Some.Account, Some.ReusableId)!["name"]!.GetValue<string>().ShouldBe("Block contractors");
    }

    [Test]
    public async Task An_unknown_policy_id_is_a_404()
    {
        var answer = await Api.Get(Policies() + "/99999999-9999-4999-8999-999999999999");

        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        answer.ErrorCode.ShouldBe(12135);
    }

    [Test]
    public async Task Malformed_json_is_a_400_with_code_6007()
    {
        var answer = await Api.Send(HttpMethod.Post, Policies(), """{"name": "x", """);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorCode.ShouldBe(6007);
        answer.ErrorMessage.ShouldBe("Malformed JSON in request body");
    }

    [Test]
    public async Task A_key_given_twice_is_malformed_json()
    {
        var answer = await Api.Send(HttpMethod.Post, Policies(), """{"name": "a", "decision": "allow", "include": [{"everyone": {}, "everyone": {}}], "name": "b"}""");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorCode.ShouldBe(6007);
    }

    private static IEnumerable<TestCaseData> InvalidBodies()
    {
        JsonObject Without(string field)
        {
            var body = Some.Policy(precedence: 5);
            body.Remove(field);
            return body;
        }

        JsonObject With(string field, JsonNode? value)
        {
            var body = Some.Policy(precedence: 5);
            body[field] = value;
            return body;
        }

        JsonObject Include(string rule) => With("include", JsonNode.Parse(rule));

        yield return new TestCaseData(Without("name"), "name is required").SetName("Missing name");
        yield return new TestCaseData(Without("decision"), "decision is required").SetName("Missing decision");
        yield return new TestCaseData(Without("include"), "include is required").SetName("Missing include");
        yield return new TestCaseData(With("decision", "permit"), "decision \"permit\" is not one of").SetName("Unknown decision");
        yield return new TestCaseData(With("include", "everyone"), "include must be an array").SetName("Rules not an array");
        yield return new TestCaseData(Include("[]"), "include must have at least one rule").SetName("Empty include");
        yield return new TestCaseData(Include("""["everyone"]"""), "include[0] must be an object with exactly one rule kind").SetName("Rule not an object");
        yield return new TestCaseData(Include("""[{"everyone": {}, "certificate": {}}]"""), "include[0] must be an object with exactly one rule kind").SetName("Rule with two kinds");
        yield return new TestCaseData(Include("""[{"emails": {"email": "a@b.c"}}]"""), "include[0]: unknown rule kind \"emails\"").SetName("Unknown rule kind");
        yield return new TestCaseData(Include("""[{"email": {}}]"""), "include[0].email.email is required").SetName("Missing inner key");
        yield return new TestCaseData(Include("""[{"email": "a@b.c"}]"""), "include[0].email must be an object").SetName("Inner not an object");
        yield return new TestCaseData(Include("""[{"saml": {"attribute_name": "a", "attribute_value": "b"}}]"""), "include[0].saml.identity_provider_id is required").SetName("Missing IdP id");
        yield return new TestCaseData(With("exclude", JsonNode.Parse("""[{"geo": {"country_code": 7}}]""")), "exclude[0].geo.country_code must be a non-empty string").SetName("Inner key of the wrong type");
        yield return new TestCaseData(With("require", JsonNode.Parse("""[{"user_risk_score": {"user_risk_score": []}}]""")), "require[0].user_risk_score.user_risk_score must be a non-empty array").SetName("Empty risk scores");
        yield return new TestCaseData(With("precedence", "first"), "precedence must be an integer").SetName("Precedence not an integer");
        yield return new TestCaseData(With("session_duration", "a day"), "session_duration \"a day\" is not a duration").SetName("Bad duration");
    }

    [TestCaseSource(nameof(InvalidBodies))]
    public async Task An_invalid_policy_is_refused_on_create_and_on_update_with_code_12130(JsonObject body, string problem)
    {
        var before = State.Export().ToJsonString();

        var created = await Api.Post(Policies(), body);
        var updated = await Api.Put(Policies() + "/" + Some.LegacyPolicyId, body);

        foreach (var answer in new[] { created, updated })
        {
            answer.Status.ShouldBe(HttpStatusCode.BadRequest);
            answer.ErrorCode.ShouldBe(12130);
            answer.Body["errors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ShouldContain(m => m.Contains(problem, StringComparison.Ordinal), answer.ToString());
        }

        State.Export().ToJsonString().ShouldBe(before);
    }

    [Test]
    public async Task Every_problem_of_a_body_is_reported_at_once()
    {
        var answer = await Api.Post(Policies(), JsonNode.Parse("""{"decision": "permit", "include": [{"nope": {}}]}""")!);

        answer.Body["errors"]!.AsArray().Count.ShouldBe(3);
    }

    [Test]
    public async Task Every_one_of_the_26_rule_kinds_is_accepted()
    {
        var include = JsonNode.Parse("""
            [ {"email": {"email": "a@example.com"}}, {"email_domain": {"domain": "example.com"}}, {"email_list": {"id": "l"}},
              {"everyone": {}}, {"group": {"id": "g"}}, {"ip": {"ip": "10.0.0.0/8"}}, {"ip_list": {"id": "i"}},
              {"geo": {"country_code": "US"}}, {"service_token": {"token_id": "t"}}, {"any_valid_service_token": {}},
              {"certificate": {}}, {"common_name": {"common_name": "cn"}}, {"login_method": {"id": "m"}},
              {"auth_method": {"auth_method": "mfa"}}, {"device_posture": {"integration_uid": "d"}},
              {"external_evaluation": {"evaluate_url": "https://e", "keys_url": "https://k"}},
              {"azureAD": {"id": "a", "identity_provider_id": "p"}},
              {"github-organization": {"name": "o", "identity_provider_id": "p", "team": "t"}},
              {"gsuite": {"email": "g@example.com", "identity_provider_id": "p"}}, {"okta": {"name": "o", "identity_provider_id": "p"}},
              {"saml": {"attribute_name": "n", "attribute_value": "v", "identity_provider_id": "p"}},
              {"oidc": {"claim_name": "n", "claim_value": "v", "identity_provider_id": "p"}},
              {"auth_context": {"id": "i", "ac_id": "c", "identity_provider_id": "p"}}, {"linked_app_token": {"app_uid": "u"}},
              {"user_risk_score": {"user_risk_score": ["low", "high"]}}, {"cloudflare_account_member": {}} ]
            """);
        var body = Some.Policy(precedence: 9);
        body["include"] = include;

        var answer = await Api.Post(Policies(), body);

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        answer.ResultObject["include"]!.AsArray().Count.ShouldBe(26);
    }

    [Test]
    public async Task Creating_a_policy_at_a_precedence_in_use_is_refused_with_12130()
    {
        var answer = await Api.Post(Policies(), Some.Policy("Clash", precedence: 2));

        AssertPrecedenceCollision(answer);
    }

    [Test]
    public async Task Moving_a_policy_onto_a_precedence_in_use_is_refused_with_12130()
    {
        var answer = await Api.Put(Policies() + "/" + Some.LegacyPolicyId, Some.Policy("Allow devs", precedence: 2));

        AssertPrecedenceCollision(answer);
        State.AppPolicies(Some.AccountScope, Some.GrafanaId)[0]["precedence"]!.GetValue<int>().ShouldBe(1);
    }

    [Test]
    public async Task An_app_update_giving_two_policies_one_precedence_is_refused_with_12130()
    {
        var body = Some.App();
        body["policies"] = JsonNode.Parse($$"""[{"id": "{{Some.ReusableId}}", "precedence": 1}, {"id": "{{Some.SpareReusableId}}", "precedence": 1}]""");

        var answer = await Api.Put(Some.AccountPath($"/access/apps/{Some.GrafanaId}"), body);

        AssertPrecedenceCollision(answer);
    }

    internal static void AssertPrecedenceCollision(ApiAnswer answer)
    {
        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorCode.ShouldBe(12130);
        answer.ErrorMessage.ShouldBe("access.api.error.invalid_request: policy precedences must be unique");
    }

    [Test]
    public async Task Read_only_policy_fields_sent_by_a_client_are_ignored()
    {
        var body = Some.Policy(precedence: 4);
        body["id"] = "forged";
        body["created_at"] = "1999-01-01T00:00:00Z";
        body["updated_at"] = "1999-01-01T00:00:00Z";
        body["app_count"] = 99;
        body["reusable"] = true;
        body["account_id"] = "ffffffffffffffffffffffffffffffff";
        body["aud"] = "forged";

        var policy = (await Api.Post(Policies(), body)).ResultObject;

        policy["id"]!.GetValue<string>().ShouldNotBe("forged");
        policy["created_at"]!.GetValue<string>().ShouldBe("2026-01-02T03:04:05Z");
        policy["account_id"]!.GetValue<string>().ShouldBe(Some.Account);
        policy.ContainsKey("app_count").ShouldBeFalse();
        policy.ContainsKey("reusable").ShouldBeFalse();
        policy.ContainsKey("aud").ShouldBeFalse();
    }

    [Test]
    public async Task Policy_fields_the_emulator_does_not_model_come_back_exactly_as_sent()
    {
        var body = Some.Policy(precedence: 4);
        body["purpose_justification_prompt"] = "Why?";
        body["x_new_setting"] = JsonNode.Parse("""{"nested": [true, 1.5, null, "s"]}""");

        var created = (await Api.Post(Policies(), body)).ResultObject;
        var read = (await Api.Get(Policies() + "/" + created["id"])).ResultObject;
        var embedded = State.App(Some.AccountScope, Some.GrafanaId)!["policies"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == created["id"]!.GetValue<string>())!;

        foreach (var policy in new[] { created, read, embedded.AsObject() })
        {
            policy["purpose_justification_prompt"]!.GetValue<string>().ShouldBe("Why?");
            policy["x_new_setting"]!.ToJsonString().ShouldBe("""{"nested":[true,1.5,null,"s"]}""");
        }
    }

    [Test]
    public async Task The_specs_example_policy_put_to_an_app_policy_comes_back_with_every_field_unchanged()
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "seed-update-policy-response.json")))!["result"]!.AsObject();
        State.PutAppPolicy(Some.AccountScope, Some.GrafanaId, new JsonObject { ["id"] = example["id"]!.GetValue<string>(), ["name"] = "old", ["precedence"] = 7 });
        var body = (JsonObject)example.DeepClone();

        var answer = await Api.Put(Policies() + "/" + example["id"], body);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        var result = answer.ResultObject;
        foreach (var (field, value) in example)
        {
            if (field is not "created_at" and not "updated_at")
            {
                result[field]!.ToJsonString().ShouldBe(value!.ToJsonString(), field);
            }
        }
    }

    [Test]
    public async Task An_app_that_refuses_legacy_policies_answers_400_saying_to_use_a_reusable_policy()
    {
        var answer = await Api.Post(Policies(Some.WikiId), Some.Policy(precedence: 1));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorCode.ShouldBe(12130);
        answer.ErrorMessage.ShouldContain("legacy policies cannot be added to newly created applications");
        answer.ErrorMessage.ShouldContain("reusable policy");
        State.AppPolicies(Some.AccountScope, Some.WikiId).ShouldBeEmpty();
    }

    [Test]
    public async Task An_app_that_refuses_legacy_policies_refuses_inline_ones_in_an_app_update_too()
    {
        var body = Some.App("Wiki", "wiki.example.com");
        body["policies"] = new JsonArray(Some.Policy("Inline", precedence: 1));

        var answer = await Api.Put(Some.AccountPath($"/access/apps/{Some.WikiId}"), body);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorMessage.ShouldContain("legacy policies cannot be added");
    }

    [Test]
    public async Task Fields_set_to_be_ignored_on_write_keep_their_old_value()
    {
        Server.Faults.IgnoredFieldsOnWrite = new HashSet<string> { "session_duration", "purpose_justification_prompt" };
        var body = Some.Policy(precedence: 1);
        body["session_duration"] = "1h";
        body["purpose_justification_prompt"] = "new";

        var policy = (await Api.Put(Policies() + "/" + Some.LegacyPolicyId, body)).ResultObject;

        policy.ContainsKey("session_duration").ShouldBeFalse("the seeded policy had none");
        policy.ContainsKey("purpose_justification_prompt").ShouldBeFalse();
        policy["name"]!.GetValue<string>().ShouldBe("Allow devs");
        Server.Faults.IgnoredFieldsOnWrite = new HashSet<string>();
        (await Api.Put(Policies() + "/" + Some.LegacyPolicyId, body)).ResultObject["session_duration"]!.GetValue<string>().ShouldBe("1h");
        Server.Faults.IgnoredFieldsOnWrite = new HashSet<string> { "session_duration" };
        body["session_duration"] = "2h";
        (await Api.Put(Policies() + "/" + Some.LegacyPolicyId, body)).ResultObject["session_duration"]!.GetValue<string>().ShouldBe("1h");
    }

    [Test]
    public async Task Zone_apps_have_policies_too_without_an_account_id()
    {
        var created = await Api.Post(Some.ZonePath($"/access/apps/{Some.ZoneAppId}/policies"), Some.Policy(precedence: 1));

        created.Status.ShouldBe(HttpStatusCode.Created);
        created.ResultObject.ContainsKey("account_id").ShouldBeFalse();
        (await Api.Get(Some.ZonePath($"/access/apps/{Some.ZoneAppId}/policies"))).ResultArray.Count.ShouldBe(1);
    }
}
