using System.Net;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Tests.Evaluation;

/// <summary>The example request a widening is shown with: one the new policies let in and the old ones refuse.</summary>
public class NewlyLetInTests
{
    [Test]
    public void A_widened_range_gives_an_address_inside_the_new_range_and_outside_the_old()
    {
        var found = Find(
            [Allow("Office", Include(new IpRule("203.0.113.0/24")))],
            [Allow("Office", Include(new IpRule("203.0.0.0/16")))]);

        found.ShouldNotBeNull();
        found.Value.Who.Ip.ShouldBe(IPAddress.Parse("203.0.0.1"));
        found.Value.By.ShouldBe("Office");
    }

    [Test]
    public void The_example_states_what_the_new_policy_requires_and_nothing_more()
    {
        var found = Find(
            [Allow("Staff", Include(new EmailDomainRule("corp.example")))],
            [
                Allow("Staff", Include(new EmailDomainRule("corp.example"))),
                Allow("Partners", new RuleSets([new EmailDomainRule("partner.example")], [], [new AuthMethodRule("mfa"), new CountryRule("US")])),
            ]);

        found.ShouldNotBeNull();
        var (who, by) = found.Value;
        (who.Email, who.Country, who.AuthMethods.Single(), by).ShouldBe(("someone@partner.example", "US", "mfa", "Partners"));
        who.Groups.ShouldBeEmpty();
        who.Ip.ShouldBeNull();
    }

    [Test]
    public void A_deleted_deny_policy_gives_a_request_it_blocked()
    {
        var found = Find(
            [Deny("Block RU", 1, Include(new CountryRule("RU"))), Allow("Everyone", Include(new EveryoneRule()), 2)],
            [Allow("Everyone", Include(new EveryoneRule()), 2)]);

        found.ShouldNotBeNull();
        found.Value.Who.Country.ShouldBe("RU");
    }

    [Test]
    public void A_narrowing_gives_no_example()
    {
        Find(
            [Allow("Office", Include(new IpRule("203.0.113.0/24")))],
            [Allow("Office", Include(new IpRule("203.0.113.7/32")))])
            .ShouldBeNull();
    }

    [Test]
    public void The_search_stops_when_the_plan_s_budget_is_spent()
    {
        EvaluatedPolicy[] before = [Allow("Office", Include(new IpRule("203.0.113.0/24")))];
        EvaluatedPolicy[] after = [.. before, Allow("Travel", new RuleSets([new CountryRule("US")], [], [new AuthMethodRule("mfa")]), 2)];

        // A request costs 1 + the 4 rules of both sets: the budget pays for the first request only, and the example
        // takes two attributes.
        var budget = new SearchBudget(5);
        NewlyLetIn.Find(new ApplicationPolicies([.. before]), new ApplicationPolicies([.. after]), budget).ShouldBeNull();
        budget.Left.ShouldBe(0);
        Find(before, after).ShouldNotBeNull("with budget enough, there is one");
    }

    [Test]
    public void The_rules_of_the_groups_the_policies_reach_count_against_the_budget()
    {
        // Two rules of policies; the group the new one names is defined by the server with 1,000 rules of its own.
        EvaluatedPolicy[] before = [Allow("Office", Include(new IpRule("203.0.113.0/24")))];
        EvaluatedPolicy[] after = [.. before, Allow("Staff", Include(new GroupRule(ObjectReference.Name("Staff"))), 2)];
        GroupDefinitions groups = _ => Include([.. Enumerable.Range(0, 1_000).Select(i => (Rule)new EmailRule($"u{i}@example.com"))]);

        var budget = new SearchBudget(100);
        NewlyLetIn.Find(new ApplicationPolicies([.. before], groups), new ApplicationPolicies([.. after], groups), budget).ShouldBeNull();
        budget.Left.ShouldBe(100, "not one request fits: each may judge the group's 1,000 rules");
        NewlyLetIn.Find(new ApplicationPolicies([.. before], groups), new ApplicationPolicies([.. after], groups), new SearchBudget(1_000_000))
            .ShouldNotBeNull("with budget enough, someone the group's definition matches is found");
    }

    [Test]
    public void The_example_reads_as_a_reviewer_would_say_it_with_names_for_ids()
    {
        var who = new Identity(Email: "eve@partner.example", Country: "US", Groups: ["aa0a"], AuthMethods: ["mfa"]);

        LetInExampleText(who).ShouldBe("eve@partner.example in group Developers from US with mfa");
        LetInExampleText(new Identity()).ShouldBe("any request");
        LetInExampleText(new Identity(ServiceToken: "aa0a")).ShouldBe("a request with service token Developers");
    }

    private static string LetInExampleText(Identity who) =>
        Planning.LetInExample.Of(who, "P", new Dictionary<string, string> { ["aa0a"] = "Developers" }).Who;

    private static (Identity Who, string By)? Find(EvaluatedPolicy[] before, EvaluatedPolicy[] after) =>
        NewlyLetIn.Find(new ApplicationPolicies([.. before]), new ApplicationPolicies([.. after]), new SearchBudget(1_000_000));

    private static RuleSets Include(params Rule[] rules) => new([.. rules], [], []);

    private static EvaluatedPolicy Allow(string name, RuleSets rules, int precedence = 1) => new(name, Decision.Allow, precedence, rules);

    private static EvaluatedPolicy Deny(string name, int precedence, RuleSets rules) => new(name, Decision.Deny, precedence, rules);
}
