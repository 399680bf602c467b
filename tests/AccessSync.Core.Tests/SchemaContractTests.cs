using AccessSync.Core.Rules;
using AccessSync.Core.Schema;
using AccessSync.Core.Tests.Support;
using AccessSync.Testing;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace AccessSync.Core.Tests;

/// <summary>The published schema is a contract: valid draft-07, the very file Core validates with, and complete.</summary>
public class SchemaContractTests
{
    /// <summary>Every rule kind of the API (API-FACTS §4), in its API shape, with valid values.</summary>
    private static readonly Dictionary<string, string> ApiShapes = new()
    {
        ["email"] = "{email: ada@example.com}",
        ["email_domain"] = "{domain: example.com}",
        ["email_list"] = "{id: 9e2ad1b4-6c3f-4c7b-8a0e-5d1f2b3c4d5e}",
        ["everyone"] = "{}",
        ["group"] = "{id: aa0a4aab-672b-4bdb-bc33-a59f1130a11f}",
        ["ip"] = "{ip: 192.0.2.0/24}",
        ["ip_list"] = "{id: 5b1a2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d}",
        ["geo"] = "{country_code: US}",
        ["service_token"] = "{token_id: 3d4c5b6a-7e8f-4a9b-8c0d-1e2f3a4b5c6d}",
        ["any_valid_service_token"] = "{}",
        ["certificate"] = "{}",
        ["common_name"] = "{common_name: deploy.example.com}",
        ["login_method"] = "{id: 6f5e4d3c-2b1a-4f0e-9d8c-7b6a5f4e3d2c}",
        ["auth_method"] = "{auth_method: mfa}",
        ["device_posture"] = "{integration_uid: 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d}",
        ["external_evaluation"] = "{evaluate_url: \"https://eval.example.com\", keys_url: \"https://eval.example.com/keys\"}",
        ["azureAD"] = "{id: group-1, identity_provider_id: idp-1}",
        ["github-organization"] = "{name: example-org, team: sre, identity_provider_id: idp-2}",
        ["gsuite"] = "{email: devs@example.com, identity_provider_id: idp-3}",
        ["okta"] = "{name: Engineering, identity_provider_id: idp-4}",
        ["saml"] = "{attribute_name: department, attribute_value: engineering, identity_provider_id: idp-5}",
        ["oidc"] = "{claim_name: groups, claim_value: admins, identity_provider_id: idp-6}",
        ["auth_context"] = "{id: ctx-1, ac_id: c1, identity_provider_id: idp-7}",
        ["linked_app_token"] = "{app_uid: 0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b}",
        ["user_risk_score"] = "{user_risk_score: [high, medium]}",
        ["cloudflare_account_member"] = "{account_id: 9a7806061c88ada191ed06f989cc3dac}",
    };

    private static readonly string[] ShortForms =
    [
        "email: ada@example.com", "email_domain: example.com", "email_list: 9e2ad1b4-6c3f-4c7b-8a0e-5d1f2b3c4d5e",
        "everyone: true", "group: Developers", "group: aa0a4aab-672b-4bdb-bc33-a59f1130a11f", "ip: 10.0.0.0/8",
        "ip: 192.0.2.7", "ip: \"2001:db8::/32\"", "ip_list: 5b1a2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "geo: US",
        "service_token: CI deploy bot", "any_valid_service_token: true", "certificate: true",
        "common_name: deploy.example.com", "login_method: Okta", "auth_method: mfa",
        "device_posture: 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d", "linked_app_token: 0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
        "user_risk_score: [high]", "cloudflare_account_member: true",
    ];

    [Test]
    public void The_published_schema_is_the_one_core_validates_with()
    {
        JToken.Parse(File.ReadAllText(RepositoryPaths.Schema)).ToString()
            .ShouldBe(JToken.Parse(AccessSyncSchema.Text).ToString());
    }

    [Test]
    public async Task The_schema_is_a_valid_draft_07_document()
    {
        var schema = await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(RepositoryPaths.Schema));

        schema.SchemaVersion.ShouldBe("http://json-schema.org/draft-07/schema#");
        schema.Definitions.Keys.ShouldContain("applicationFile");
        schema.Definitions.Keys.ShouldContain("configFile");
        schema.Definitions.Keys.ShouldContain("reusablePolicyFile");
        schema.AnyOf.Count.ShouldBe(3);
    }

    [Test]
    public void The_schema_knows_every_rule_kind_of_the_api()
    {
        AccessSyncSchema.Root.Definitions["rule"].ActualProperties.Keys.Order(StringComparer.Ordinal)
            .ShouldBe(ApiShapes.Keys.Order(StringComparer.Ordinal));
    }

    [TestCaseSource(nameof(ApiShapeCases))]
    public void Every_rule_kind_is_accepted_in_the_api_s_own_shape(string kind, string body)
    {
        var file = Load.ValidApplication(Load.WithPolicy($"decision: allow\ninclude:\n  - {{{kind}: {body}}}\nrequire: [{{geo: US}}]"));

        var rule = file.Policies[0].Include[0];
        rule.Kind.Key.ShouldBe(kind);
        rule.ShouldNotBeOfType<UnknownRule>();
    }

    [TestCaseSource(nameof(ShortForms))]
    public void Every_short_form_is_accepted(string rule)
    {
        var file = Load.ValidApplication(Load.WithPolicy($"decision: deny\ninclude:\n  - {rule}"));

        file.Policies[0].Include.Length.ShouldBe(1);
    }

    [Test]
    public void Every_policy_field_of_the_api_can_be_written()
    {
        var policyProperties = AccessSyncSchema.Root.Definitions["policy"].ActualProperties.Keys;
        string[] apiFields =
        [
            "name", "decision", "include", "exclude", "require", "precedence", "session_duration", "approval_required",
            "approval_groups", "isolation_required", "purpose_justification_required", "purpose_justification_prompt",
            "mfa_config", "connection_rules",
        ];

        policyProperties.ShouldBeSubsetOf(apiFields.Append("id"));
        apiFields.ShouldBeSubsetOf(policyProperties);
    }

    private static IEnumerable<TestCaseData> ApiShapeCases() =>
        ApiShapes.Select(kv => new TestCaseData(kv.Key, kv.Value).SetArgDisplayNames(kv.Key));
}
