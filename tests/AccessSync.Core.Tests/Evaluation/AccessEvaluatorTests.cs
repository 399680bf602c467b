using System.Collections.Immutable;
using System.Net;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;
using FsCheck;
using FsCheck.Fluent;

namespace AccessSync.Core.Tests.Evaluation;

/// <summary>The order Access evaluates an application's policies in, and what it decides.</summary>
public class AccessEvaluatorTests
{
    private static readonly Identity Ada = new(Email: "ada@example.com", Groups: ["Developers"], Country: "US", Ip: IPAddress.Parse("192.0.2.10"));

    [Test]
    public void No_policy_matching_is_a_deny_by_default_decided_by_no_policy()
    {
        var result = AccessEvaluator.Evaluate([Policy("Contractors", Decision.Allow, 1, Include(new GroupRule(ObjectReference.Name("Contractors"))))], Ada);

        result.Decision.ShouldBe(Decision.Deny);
        result.IsCertain.ShouldBeTrue();
        result.DecidedBy.ShouldBeNull();
    }

    [Test]
    public void A_bypass_policy_decides_before_a_block_policy_of_a_lower_precedence()
    {
        EvaluatedPolicy[] policies =
        [
            Policy("Block everyone", Decision.Deny, 1, Include(new EveryoneRule())),
            Policy("Health checks", Decision.Bypass, 3, Include(new IpRule("192.0.2.0/24"))),
        ];

        var result = AccessEvaluator.Evaluate(policies, Ada);

        result.Decision.ShouldBe(Decision.Bypass);
        result.DecidedBy!.Name.ShouldBe("Health checks");
    }

    [Test]
    public void Service_auth_policies_are_evaluated_with_bypass_ones_first_then_allow_and_block_by_precedence()
    {
        EvaluatedPolicy[] policies =
        [
            Policy("Allow", Decision.Allow, 1, Include(new EveryoneRule())),
            Policy("Block", Decision.Deny, 2, Include(new EveryoneRule())),
            Policy("Bypass", Decision.Bypass, 9, Include(new EveryoneRule())),
            Policy("Bot", Decision.NonIdentity, 4, Include(new EveryoneRule())),
        ];

        AccessEvaluator.InEvaluationOrder(policies).Select(p => p.Name).ShouldBe(["Bot", "Bypass", "Allow", "Block"]);
    }

    [Test]
    public void A_policy_matches_when_an_include_matches_no_exclude_does_and_every_require_does()
    {
        var policy = Policy(
            "Engineers",
            Decision.Allow,
            1,
            new RuleSets([new GroupRule(ObjectReference.Name("SRE")), new EmailDomainRule("example.com")], [new CountryRule("RU")], [new CountryRule("US"), new IpRule("192.0.2.0/24")]));

        AccessEvaluator.Evaluate([policy], Ada).Decision.ShouldBe(Decision.Allow);
        AccessEvaluator.Evaluate([policy], Ada with { Country = "RU" }).Decision.ShouldBe(Decision.Deny, "the exclude matches");
        AccessEvaluator.Evaluate([policy], Ada with { Ip = IPAddress.Parse("198.51.100.1") }).Decision.ShouldBe(Decision.Deny, "a require fails");
    }

    [Test]
    public void An_outcome_that_depends_on_an_unknown_is_undetermined_and_names_what_it_needs()
    {
        EvaluatedPolicy[] policies =
        [
            Policy("Managed devices", Decision.Allow, 1, new RuleSets([new EveryoneRule()], [], [new DevicePostureRule("disk-encrypted")])),
        ];

        var result = AccessEvaluator.Evaluate(policies, Ada);

        result.IsDetermined.ShouldBeFalse();
        result.Decision.ShouldBeNull();
        result.Unknowns.ShouldHaveSingleItem().Needs.ShouldBe("device_posture");
    }

    [Test]
    public void An_unknown_that_cannot_change_the_decision_leaves_it_determined()
    {
        EvaluatedPolicy[] policies =
        [
            Policy("Low risk", Decision.Allow, 1, new RuleSets([new UserRiskScoreRule(["low"])], [], [])),
            Policy("Developers", Decision.Allow, 2, Include(new GroupRule(ObjectReference.Name("Developers")))),
        ];

        var result = AccessEvaluator.Evaluate(policies, Ada);

        result.Decision.ShouldBe(Decision.Allow);
        result.IsCertain.ShouldBeFalse("either policy may be the one that decides");
        result.DecidedBy.ShouldBeNull();
    }

    [Test]
    public void The_order_of_include_rules_never_changes_an_outcome()
    {
        foreach (var (rules, who) in Samples(seed: 1))
        {
            var policy = Policy("P", Decision.Allow, 1, new RuleSets(rules, [], []));
            var reversed = policy with { Rules = new RuleSets([.. rules.Reverse()], [], []) };

            AccessEvaluator.Evaluate([reversed], who).Possible.Select(p => p.Decision)
                .ShouldBe(AccessEvaluator.Evaluate([policy], who).Possible.Select(p => p.Decision), $"{string.Join(", ", rules)} for {who}");
        }
    }

    [Test]
    public void Adding_an_exclude_never_lets_in_a_request_that_was_refused()
    {
        foreach (var (rules, who) in Samples(seed: 2))
        {
            var include = rules[..(rules.Length / 2 + 1)];
            var exclude = rules[(rules.Length / 2 + 1)..];
            var without = Policy("P", Decision.Allow, 1, new RuleSets(include, [], []));
            var with = without with { Rules = new RuleSets(include, exclude, []) };

            var before = AccessEvaluator.Evaluate([without], who);
            var after = AccessEvaluator.Evaluate([with], who);

            if (before.Decision == Decision.Deny)
            {
                after.Possible.ShouldAllBe(p => p.Decision == Decision.Deny, $"{string.Join(", ", rules)} for {who}");
            }
        }
    }

    private static EvaluatedPolicy Policy(string name, Decision decision, int precedence, RuleSets rules) => new(name, decision, precedence, rules);

    private static RuleSets Include(params Rule[] rules) => new([.. rules], [], []);

    /// <summary>Rule lists and identities drawn from a fixed seed: every rule kind the identities can make true, false or unknown.</summary>
    private static IEnumerable<(ImmutableArray<Rule> Rules, Identity Who)> Samples(int seed)
    {
        Rule[] rules =
        [
            new EveryoneRule(), new EmailRule("ada@example.com"), new EmailDomainRule("example.net"), new GroupRule(ObjectReference.Name("Developers")),
            new CountryRule("US"), new CountryRule("PT"), new IpRule("192.0.2.0/24"), new IpRule("2001:db8::/32"), new DevicePostureRule("disk"),
            new UserRiskScoreRule(["low"]), new ServiceTokenRule(ObjectReference.Name("bot")), new AuthMethodRule("mfa"), new ExternalEvaluationRule("https://e.example", "https://k.example"),
        ];
        Identity[] identities =
        [
            Ada, new Identity(), Ada with { DevicePosture = ["disk"] }, Ada with { UserRiskScore = "high", Country = "PT" },
            new Identity(ServiceToken: "bot", Ip: IPAddress.Parse("2001:db8::5")), new Identity(Email: "eve@example.net", AuthMethods: ["mfa"]),
        ];
        var cases = Gen.Zip(
            Gen.NonEmptyListOf(Gen.Elements(rules)).Select(list => list.Take(6).ToImmutableArray()),
            Gen.Elements(identities));
        return cases.Sample(500, new Rnd((ulong)seed), 10);
    }
}
