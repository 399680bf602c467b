using System.Text.Json;
using AccessSync.Core.Rules;
using AccessSync.Core.Schema;

namespace AccessSync.Core.Tests;

/// <summary>The typed rule model: every kind the API defines has a record, reads from and writes to the API's JSON unchanged, and compares as the API means it.</summary>
public sealed class RuleModelTests
{
    /// <summary>One rule of each of the API's 26 kinds, in its JSON shape, and the record it reads into.</summary>
    private static readonly (string Json, Rule Typed)[] EveryKind =
    [
        ("""{"email":{"email":"ada@example.com"}}""", new EmailRule("ada@example.com")),
        ("""{"email_domain":{"domain":"example.com"}}""", new EmailDomainRule("example.com")),
        ("""{"email_list":{"id":"9e2ad1b4-6c3f-4c7b-8a0e-5d1f2b3c4d5e"}}""", new EmailListRule("9e2ad1b4-6c3f-4c7b-8a0e-5d1f2b3c4d5e")),
        ("""{"everyone":{}}""", new EveryoneRule()),
        ("""{"group":{"id":"aa0a4aab-672b-4bdb-bc33-a59f1130a11f"}}""", new GroupRule(ObjectReference.Id("aa0a4aab-672b-4bdb-bc33-a59f1130a11f"))),
        ("""{"cloudflare_account_member":{"account_id":"9a7806061c88ada191ed06f989cc3dac"}}""", new AccountMemberRule("9a7806061c88ada191ed06f989cc3dac")),
        ("""{"login_method":{"id":"6f5e4d3c-2b1a-4f0e-9d8c-7b6a5f4e3d2c"}}""", new LoginMethodRule(ObjectReference.Id("6f5e4d3c-2b1a-4f0e-9d8c-7b6a5f4e3d2c"))),
        ("""{"auth_method":{"auth_method":"mfa"}}""", new AuthMethodRule("mfa")),
        ("""{"azureAD":{"id":"group-1","identity_provider_id":"idp-1"}}""", new AzureAdGroupRule("group-1", "idp-1")),
        ("""{"github-organization":{"identity_provider_id":"idp-2","name":"example-org","team":"sre"}}""", new GitHubOrganizationRule("example-org", "idp-2", "sre")),
        ("""{"gsuite":{"email":"devs@example.com","identity_provider_id":"idp-3"}}""", new GSuiteGroupRule("devs@example.com", "idp-3")),
        ("""{"okta":{"identity_provider_id":"idp-4","name":"Engineering"}}""", new OktaGroupRule("Engineering", "idp-4")),
        ("""{"saml":{"attribute_name":"department","attribute_value":"engineering","identity_provider_id":"idp-5"}}""", new SamlAttributeRule("department", "engineering", "idp-5")),
        ("""{"oidc":{"claim_name":"groups","claim_value":"admins","identity_provider_id":"idp-6"}}""", new OidcClaimRule("groups", "admins", "idp-6")),
        ("""{"auth_context":{"ac_id":"c1","id":"ctx-1","identity_provider_id":"idp-7"}}""", new AuthContextRule("ctx-1", "c1", "idp-7")),
        ("""{"ip":{"ip":"192.0.2.0/24"}}""", new IpRule("192.0.2.0/24")),
        ("""{"ip_list":{"id":"5b1a2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}}""", new IpListRule("5b1a2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")),
        ("""{"geo":{"country_code":"US"}}""", new CountryRule("US")),
        ("""{"service_token":{"token_id":"3d4c5b6a-7e8f-4a9b-8c0d-1e2f3a4b5c6d"}}""", new ServiceTokenRule(ObjectReference.Id("3d4c5b6a-7e8f-4a9b-8c0d-1e2f3a4b5c6d"))),
        ("""{"any_valid_service_token":{}}""", new AnyValidServiceTokenRule()),
        ("""{"certificate":{}}""", new CertificateRule()),
        ("""{"common_name":{"common_name":"deploy.example.com"}}""", new CommonNameRule("deploy.example.com")),
        ("""{"linked_app_token":{"app_uid":"0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"}}""", new LinkedAppTokenRule("0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b")),
        ("""{"device_posture":{"integration_uid":"7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"}}""", new DevicePostureRule("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d")),
        ("""{"external_evaluation":{"evaluate_url":"https://eval.example.com","keys_url":"https://eval.example.com/keys"}}""", new ExternalEvaluationRule("https://eval.example.com", "https://eval.example.com/keys")),
        ("""{"user_risk_score":{"user_risk_score":["high","medium"]}}""", new UserRiskScoreRule(["high", "medium"])),
    ];

    private static IEnumerable<TestCaseData> Kinds() =>
        EveryKind.Select(k => new TestCaseData(k.Json, k.Typed).SetArgDisplayNames(k.Typed.Kind.Key));

    [Test]
    public void Every_rule_kind_of_the_schema_has_a_record_and_no_other()
    {
        RuleKinds.All.Select(k => k.Key).Order(StringComparer.Ordinal)
            .ShouldBe(AccessSyncSchema.Root.Definitions["rule"].ActualProperties.Keys.Order(StringComparer.Ordinal));
        EveryKind.Select(k => k.Typed.GetType()).Distinct().Count().ShouldBe(26);
    }

    [TestCaseSource(nameof(Kinds))]
    public void A_rule_in_the_api_s_shape_reads_into_its_record_and_writes_back_unchanged(string json, Rule typed)
    {
        var read = RuleWire.Read(Parse(json));

        read.ShouldBe(typed);
        RuleWire.Write(read).ToJsonString().ShouldBe(json);
    }

    [Test]
    public void A_rule_of_a_kind_this_version_does_not_know_is_kept_as_the_api_wrote_it()
    {
        const string json = """{"warp_session":{"minutes":5,"Strict":true}}""";

        var read = RuleWire.Read(Parse(json));

        read.ShouldBeOfType<UnknownRule>().Kind.Key.ShouldBe("warp_session");
        RuleWire.Write(read).ToJsonString().ShouldBe(json);
    }

    [TestCase("""{"email":{"email":"ada@example.com","verified":"yes"}}""", TestName = "A field the record does not hold")]
    [TestCase("""{"email":{}}""", TestName = "A field the kind needs is missing")]
    [TestCase("""{"email":{"email":7}}""", TestName = "A field of another type")]
    [TestCase("""{"email":{"email":"a@example.com"},"geo":{"country_code":"US"}}""", TestName = "Two kinds in one rule")]
    public void A_known_kind_in_a_shape_its_record_cannot_hold_is_kept_unknown_so_nothing_is_dropped(string json)
    {
        var read = RuleWire.Read(Parse(json));

        read.ShouldBeOfType<UnknownRule>();
        RuleWire.Write(read).ToJsonString().ShouldBe(json);
    }

    [Test]
    public void A_rule_with_a_thousand_fields_is_kept_unknown_as_written()
    {
        var json = "{\"email\":{\"email\":\"ada@example.com\"," + string.Join(",", Enumerable.Range(1, 1000).Select(i => $"\"f{i}\":\"x\"")) + "}}";

        var read = RuleWire.Read(Parse(json));

        read.ShouldBeOfType<UnknownRule>();
        RuleWire.Write(read).ToJsonString().ShouldBe(json);
    }

    [TestCase("""{"email":{"email":"Ada@Example.COM "}}""", """{"email":{"email":"ada@example.com"}}""")]
    [TestCase("""{"email_domain":{"domain":"Example.com"}}""", """{"email_domain":{"domain":"example.com"}}""")]
    [TestCase("""{"gsuite":{"email":"Devs@Example.com","identity_provider_id":"idp"}}""", """{"gsuite":{"email":"devs@example.com","identity_provider_id":"idp"}}""")]
    [TestCase("""{"geo":{"country_code":"us"}}""", """{"geo":{"country_code":"US"}}""")]
    [TestCase("""{"ip":{"ip":"192.0.2.1"}}""", """{"ip":{"ip":"192.0.2.1/32"}}""")]
    [TestCase("""{"ip":{"ip":"2001:0db8:0000::0001"}}""", """{"ip":{"ip":"2001:db8::1/128"}}""")]
    [TestCase("""{"group":{"id":"AA0A4AAB-672B-4BDB-BC33-A59F1130A11F"}}""", """{"group":{"id":"aa0a4aab-672b-4bdb-bc33-a59f1130a11f"}}""")]
    [TestCase("""{"user_risk_score":{"user_risk_score":["High","low","high"]}}""", """{"user_risk_score":{"user_risk_score":["high","low"]}}""")]
    [TestCase("""{"okta":{"name":"Engineering","identity_provider_id":"idp"}}""", """{"okta":{"identity_provider_id":"idp","name":"Engineering"}}""")]
    public void Rules_written_another_way_than_the_api_writes_them_are_canonically_equal(string written, string canonical)
    {
        var rule = RuleWire.Read(Parse(written));

        RuleWire.CanonicalJson(rule).ShouldBe(canonical);
        rule.Canonical().ShouldBe(RuleWire.Read(Parse(canonical)));
    }

    [Test]
    public void Where_a_file_wrote_a_rule_is_no_part_of_what_it_means()
    {
        var here = new EmailRule("ada@example.com") { Span = new Diagnostics.SourceSpan("a.yaml", 3, 7) };
        var there = new EmailRule("ada@example.com") { Span = new Diagnostics.SourceSpan("b.yaml", 9, 1) };

        here.ShouldBe(there);
        here.GetHashCode().ShouldBe(there.GetHashCode());
        ((Rule)here).ShouldNotBe(new EmailDomainRule("ada@example.com"));
    }

    [TestCase("group", "Developers", true)]
    [TestCase("group", "aa0a4aab-672b-4bdb-bc33-a59f1130a11f", false)]
    [TestCase("service_token", "CI deploy bot", true)]
    [TestCase("login_method", "Okta", true)]
    public void A_short_form_that_is_not_an_id_names_the_object_to_resolve(string kind, string value, bool isName)
    {
        var rule = RuleShortForms.FromValue(kind, RuleValue.Of(value));

        rule.ShouldBeAssignableTo<ReferenceRule>()!.Reference.ShouldBe(new ObjectReference(value, isName));
    }

    [Test]
    public void Every_short_form_fills_the_field_the_api_shape_has()
    {
        RuleShortForms.FromValue("email", RuleValue.Of("ada@example.com")).ShouldBe(new EmailRule("ada@example.com"));
        RuleShortForms.FromValue("geo", RuleValue.Of("US")).ShouldBe(new CountryRule("US"));
        RuleShortForms.FromValue("user_risk_score", RuleValue.Of(["high"])).ShouldBe(new UserRiskScoreRule(["high"]));
        RuleShortForms.FromFlag("everyone").ShouldBe(new EveryoneRule());
        RuleShortForms.FromFlag("cloudflare_account_member").ShouldBe(new AccountMemberRule(null));
        RuleKinds.All.Where(k => k.IsFlag).Select(k => k.Key).ShouldBe(["everyone", "cloudflare_account_member", "any_valid_service_token", "certificate"], ignoreOrder: true);
    }

    [Test]
    public void A_live_policy_gives_its_rules_typed_and_an_absent_list_as_empty()
    {
        var live = Core.Live.LivePolicy.FromJson(
            Parse("""{"id":"p1","name":"Allow devs","decision":"allow","include":[{"email_domain":{"domain":"example.com"}},{"warp_session":{}}],"require":[{"geo":{"country_code":"US"}}]}"""),
            isReusable: false);

        live.Rules(RuleList.Include).ShouldBe([new EmailDomainRule("example.com"), new UnknownRule("""{"warp_session":{}}""")]);
        live.Rules(RuleList.Require).ShouldBe([new CountryRule("US")]);
        live.Rules(RuleList.Exclude).ShouldBeEmpty();
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
