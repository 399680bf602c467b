using System.Net;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Tests.Evaluation;

/// <summary>Each of the API's 26 rule kinds, judged against identities that it does and does not match.</summary>
public class RuleEvaluatorTests
{
    private static readonly Identity Ada = new(
        Email: "Ada@Example.com",
        Groups: ["Developers"],
        IdpGroups: ["Engineering", "eng@example.com", "aad-group-1", "example-org/platform", "department=R&D", "role=admin"],
        Country: "us",
        Ip: IPAddress.Parse("203.0.113.7"),
        LoginMethod: "okta-idp",
        AuthMethods: ["mfa", "hwk"],
        DevicePosture: ["disk-encrypted"],
        UserRiskScore: "low",
        AccountMember: true);

    private static readonly Identity Nobody = new();

    private static readonly Identity Bot = new(ServiceToken: "CI deploy bot", Certificate: true, CommonName: "ci.example.com");

    public static IEnumerable<TestCaseData> Kinds()
    {
        TestCaseData Case(Rule rule, Identity who, Truth expected, string name) => new TestCaseData(rule, who, expected).SetName($"{rule.Kind.Key}: {name}");

        yield return Case(new EveryoneRule(), Nobody, Truth.True, "everyone matches anyone");
        yield return Case(new EmailRule("ada@example.COM"), Ada, Truth.True, "an email in any letter case");
        yield return Case(new EmailRule("eve@example.com"), Ada, Truth.False, "another email");
        yield return Case(new EmailRule("ada@example.com"), Nobody, Truth.False, "no email");
        yield return Case(new EmailDomainRule("EXAMPLE.com"), Ada, Truth.True, "the domain in any letter case");
        yield return Case(new EmailDomainRule("mail.example.com"), Ada, Truth.False, "a subdomain is another domain");
        yield return Case(new EmailListRule("list-1"), Ada, Truth.Unknown, "a list's entries are not known offline");
        yield return Case(new GroupRule(ObjectReference.Name("developers")), Ada, Truth.True, "a group the case states, in any letter case");
        yield return Case(new GroupRule(ObjectReference.Name("Contractors")), Ada, Truth.False, "a group the case does not state");
        yield return Case(new AccountMemberRule(null), Ada, Truth.True, "an account member");
        yield return Case(new AccountMemberRule(null), Nobody, Truth.False, "not an account member");
        yield return Case(new IpRule("203.0.113.0/24"), Ada, Truth.True, "an address inside the range");
        yield return Case(new IpRule("203.0.113.8/29"), Ada, Truth.False, "an address outside the range");
        yield return Case(new IpRule("203.0.113.7"), Ada, Truth.True, "a single address");
        yield return Case(new IpRule("2001:db8::/32"), Ada, Truth.False, "an IPv6 range and an IPv4 address");
        yield return Case(new IpRule("203.0.113.0/24"), Nobody, Truth.False, "no address");
        yield return Case(new IpListRule("list-2"), Ada, Truth.Unknown, "an IP list's entries are not known offline");
        yield return Case(new CountryRule("US"), Ada, Truth.True, "the country in any letter case");
        yield return Case(new CountryRule("PT"), Ada, Truth.False, "another country");
        yield return Case(new LoginMethodRule(ObjectReference.Name("Okta-IDP")), Ada, Truth.True, "the identity provider logged in with");
        yield return Case(new LoginMethodRule(ObjectReference.Name("github")), Ada, Truth.False, "another identity provider");
        yield return Case(new AuthMethodRule("mfa"), Ada, Truth.True, "an authentication method used");
        yield return Case(new AuthMethodRule("pwd"), Ada, Truth.False, "a method not used");
        yield return Case(new OktaGroupRule("engineering", "okta-idp"), Ada, Truth.True, "an Okta group asserted by the provider logged in with");
        yield return Case(new OktaGroupRule("Engineering", "other-idp"), Ada, Truth.False, "asserted, but by another provider than the one logged in with");
        yield return Case(new AzureAdGroupRule("aad-group-1", "okta-idp"), Ada, Truth.True, "an Azure AD group id asserted");
        yield return Case(new GSuiteGroupRule("eng@example.com", "okta-idp"), Ada, Truth.True, "a Google Workspace group asserted");
        yield return Case(new GitHubOrganizationRule("example-org", "okta-idp", "platform"), Ada, Truth.True, "a GitHub organization's team asserted");
        yield return Case(new GitHubOrganizationRule("example-org", "okta-idp", "security"), Ada, Truth.False, "another team");
        yield return Case(new SamlAttributeRule("department", "R&D", "okta-idp"), Ada, Truth.True, "a SAML attribute=value asserted");
        yield return Case(new OidcClaimRule("role", "admin", "okta-idp"), Ada, Truth.True, "an OIDC claim=value asserted");
        yield return Case(new OidcClaimRule("role", "admin", "okta-idp"), Nobody, Truth.False, "nothing asserted");
        yield return Case(new AuthContextRule("c1", "c1", "okta-idp"), Ada, Truth.Unknown, "an authentication context only the provider knows");
        yield return Case(new ServiceTokenRule(ObjectReference.Name("ci deploy bot")), Bot, Truth.True, "the token presented");
        yield return Case(new ServiceTokenRule(ObjectReference.Name("Other bot")), Bot, Truth.False, "another token");
        yield return Case(new AnyValidServiceTokenRule(), Bot, Truth.True, "a token presented is a valid one");
        yield return Case(new AnyValidServiceTokenRule(), Ada, Truth.False, "no token");
        yield return Case(new CertificateRule(), Bot, Truth.True, "a client certificate");
        yield return Case(new CertificateRule(), Ada, Truth.False, "no client certificate");
        yield return Case(new CommonNameRule("ci.example.com"), Bot, Truth.True, "the certificate's common name");
        yield return Case(new CommonNameRule("other.example.com"), Bot, Truth.False, "another common name");
        yield return Case(new LinkedAppTokenRule("app-1"), Ada, Truth.Unknown, "a linked application's token");
        yield return Case(new DevicePostureRule("disk-encrypted"), Ada, Truth.True, "a posture check the case says passes");
        yield return Case(new DevicePostureRule("firewall-on"), Ada, Truth.False, "a check the case's list leaves out fails");
        yield return Case(new DevicePostureRule("disk-encrypted"), Nobody, Truth.Unknown, "posture the case does not state is unknown");
        yield return Case(new ExternalEvaluationRule("https://risk.example.com/evaluate", "https://risk.example.com/keys"), Ada, Truth.Unknown, "an external evaluation is always unknown");
        yield return Case(new UserRiskScoreRule(["low", "medium"]), Ada, Truth.True, "a risk level in the list");
        yield return Case(new UserRiskScoreRule(["high"]), Ada, Truth.False, "a risk level not in the list");
        yield return Case(new UserRiskScoreRule(["low"]), Nobody, Truth.Unknown, "a risk score the case does not state is unknown");
        yield return Case(new UnknownRule("""{"future_rule":{}}"""), Ada, Truth.Unknown, "a rule kind this version cannot read");
    }

    [TestCaseSource(nameof(Kinds))]
    public void A_rule_judges_an_identity(Rule rule, Identity who, Truth expected) =>
        new RuleEvaluator(who).Judge(rule).Truth.ShouldBe(expected);

    [Test]
    public void Every_rule_kind_of_the_api_is_covered()
    {
        var covered = Kinds().Select(c => ((Rule)c.Arguments[0]!).Kind.Key).ToHashSet(StringComparer.Ordinal);

        RuleKinds.All.Select(k => k.Key).ShouldAllBe(key => covered.Contains(key));
    }

    [TestCase("2001:db8::1", "2001:db8::/32", true)]
    [TestCase("2001:db9::1", "2001:db8::/32", false)]
    [TestCase("::ffff:203.0.113.7", "203.0.113.0/24", true)]
    [TestCase("10.1.2.3", "10.0.0.0/8", true)]
    [TestCase("11.0.0.1", "10.0.0.0/8", false)]
    [TestCase("10.0.0.1", "0.0.0.0/0", true)]
    [TestCase("10.0.0.1", "10.0.0.0/33", false)]
    [TestCase("10.0.0.1", "not-a-range", false)]
    public void An_address_is_in_a_range_by_its_prefix_bits(string address, string range, bool inside) =>
        RuleEvaluator.InRange(IPAddress.Parse(address), range).ShouldBe(inside);

    [Test]
    public void A_group_the_case_does_not_state_matches_by_its_definition_nested_groups_included()
    {
        var definitions = new Dictionary<string, RuleSets>(StringComparer.OrdinalIgnoreCase)
        {
            ["Staff"] = new([new GroupRule(ObjectReference.Name("Engineers"))], [], []),
            ["Engineers"] = new([new EmailDomainRule("example.com")], [new EmailRule("eve@example.com")], []),
        };
        RuleSets? Find(ObjectReference reference) => definitions.GetValueOrDefault(reference.Value);

        new RuleEvaluator(new Identity(Email: "ada@example.com"), Find).Judge(new GroupRule(ObjectReference.Name("Staff"))).Truth.ShouldBe(Truth.True);
        new RuleEvaluator(new Identity(Email: "eve@example.com"), Find).Judge(new GroupRule(ObjectReference.Name("Staff"))).Truth.ShouldBe(Truth.False);
    }

    [Test]
    public void A_group_that_contains_itself_is_unknown_not_a_stack_overflow()
    {
        RuleSets Find(ObjectReference reference) => new([new GroupRule(reference)], [], []);

        var verdict = new RuleEvaluator(new Identity(Email: "ada@example.com"), Find).Judge(new GroupRule(ObjectReference.Name("Loop")));

        verdict.Truth.ShouldBe(Truth.Unknown);
        verdict.Needs!.ShouldContain("nested more than");
    }

    [Test]
    public void Each_group_definition_is_looked_up_once_however_often_nested_groups_name_it()
    {
        // Twenty groups, each naming the next thirty times: judged naively, 30^16 look-ups.
        var lookups = 0;
        RuleSets? Find(ObjectReference reference)
        {
            lookups++;
            var level = int.Parse(reference.Value[1..], System.Globalization.CultureInfo.InvariantCulture);
            return level == 20
                ? new([new EmailRule("ada@example.com")], [], [])
                : new([.. Enumerable.Repeat<Rule>(new GroupRule(ObjectReference.Name($"G{level + 1}")), 30)], [], []);
        }

        var evaluator = new RuleEvaluator(new Identity(Email: "eve@example.com"), Find);

        evaluator.Judge(new GroupRule(ObjectReference.Name("G1"))).Truth.ShouldBe(Truth.Unknown, "nested deeper than the limit");
        lookups.ShouldBeLessThanOrEqualTo(20);
    }
}
