using System.Collections.Immutable;
using System.Net;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests.Review;

/// <summary>
/// The widening review checked against the evaluator as an oracle: for random pairs of live and desired policies,
/// every request from a sample covering each rule kind used that the desired policies let in and the live ones
/// refused must come with a widening flag on the application.
/// </summary>
public class WideningOracleTests
{
    private const int Cases = 300;

    private static readonly Rule[] Pool =
    [
        new EveryoneRule(),
        new EmailRule("ada@corp.example"),
        new EmailRule("eve@partner.example"),
        new EmailDomainRule("corp.example"),
        new EmailDomainRule("partner.example"),
        new IpRule("10.0.0.0/8"),
        new IpRule("10.1.0.0/16"),
        new IpRule("10.1.2.0/24"),
        new IpRule("192.0.2.0/24"),
        new CountryRule("US"),
        new CountryRule("GB"),
        new AuthMethodRule("mfa"),
        new AnyValidServiceTokenRule(),
        new GroupRule(ObjectReference.Id(Some.DevelopersId)),
        new GroupRule(ObjectReference.Id(Some.ContractorsId)),
    ];

    private static readonly Decision[] Decisions = [Decision.Allow, Decision.Allow, Decision.Deny, Decision.Deny, Decision.Bypass, Decision.NonIdentity];

    private static readonly ImmutableArray<Identity> Sample =
    [
        .. from email in new[] { null, "ada@corp.example", "bob@corp.example", "eve@partner.example" }
           from ip in new[] { null, "10.1.2.3", "10.1.9.9", "10.7.0.1", "192.0.2.5", "203.0.113.1" }
           from country in new[] { "US", "GB", "FR" }
           from mfa in new[] { false, true }
           from token in new[] { false, true }
           from groups in new[] { Array.Empty<string>(), [Some.DevelopersId], [Some.ContractorsId] }
           select new Identity(
               Email: email,
               Ip: ip is null ? null : IPAddress.Parse(ip),
               Country: country,
               AuthMethods: mfa ? ["mfa"] : [],
               AnyValidServiceToken: token,
               Groups: [.. groups]),
    ];

    [Test]
    public void Every_request_the_plan_lets_in_that_live_refused_comes_with_a_widening_flag_and_an_example_on_its_application()
    {
        var random = new Random(20261207);
        var (widened, flagged) = (0, 0);
        for (var i = 0; i < Cases; i++)
        {
            var before = RandomPolicies(random);
            var after = Mutate(before, random);
            var plan = Some.Plan(Some.Project(File(after)), Some.Live(Some.App("Grafana", [.. before.Select((p, index) => Live(p, index + 1))])));
            var flags = Reviewed.Widenings(plan);
            flagged += flags.Count > 0 ? 1 : 0;

            if (Sample.FirstOrDefault(who => LetsIn(after, who) && !LetsIn(before, who)) is not { } opened)
            {
                continue;
            }

            widened++;
            flags.ShouldNotBeEmpty(
                $"case {i}: {Describe(opened)} is let in now and was not, yet nothing is flagged\nbefore:\n{Listing(before)}\nafter:\n{Listing(after)}");
            var example = plan.Applications.Single().LetIn;
            example.ShouldNotBeNull(
                $"case {i}: the sample finds {Describe(opened)} let in now, and the plan shows no example\nbefore:\n{Listing(before)}\nafter:\n{Listing(after)}");
            flags.Count(w => w.Example is not null).ShouldBe(1, "the example is told once, beside one widening");
        }

        TestContext.Out.WriteLine(
            $"{Cases} random plans, {Sample.Length} requests each: {widened} let in a request live refused, every one flagged and shown with an example; {flagged} flagged in all.");
        widened.ShouldBeGreaterThan(Cases / 10, "the generator must produce widenings for the property to mean anything");
    }

    private static bool LetsIn(IReadOnlyList<Policy> policies, Identity who) =>
        AccessEvaluator.Evaluate(policies.Select((p, i) => new EvaluatedPolicy(p.Name, p.Decision, i + 1, p.Rules)), who).Decision is not (null or Decision.Deny);

    private static List<Policy> RandomPolicies(Random random) =>
        [.. Enumerable.Range(1, random.Next(1, 4)).Select(i => RandomPolicy($"P{i}", random))];

    private static Policy RandomPolicy(string name, Random random) => new(
        name,
        Decisions[random.Next(Decisions.Length)],
        new RuleSets(Rules(random, 1, 3), Rules(random, 0, 2), Rules(random, 0, 2)));

    private static ImmutableArray<Rule> Rules(Random random, int min, int max) =>
        [.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => Pool[random.Next(Pool.Length)]).DistinctBy(RuleWire.CanonicalJson)];

    /// <summary>One to three random edits: a policy added, deleted, moved or given another decision; a rule added to or taken from a list.</summary>
    private static List<Policy> Mutate(List<Policy> before, Random random)
    {
        var after = before.ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(after.Count);
            switch (random.Next(6))
            {
                case 0:
                    after.Insert(random.Next(after.Count + 1), RandomPolicy($"N{edits}", random));
                    break;
                case 1 when after.Count > 1:
                    after.RemoveAt(at);
                    break;
                case 2:
                    var moved = after[at];
                    after.RemoveAt(at);
                    after.Insert(random.Next(after.Count + 1), moved);
                    break;
                case 3:
                    after[at] = after[at] with { Decision = Decisions[random.Next(Decisions.Length)] };
                    break;
                case 4:
                    after[at] = after[at] with { Rules = Edit(after[at].Rules, random, add: true) };
                    break;
                default:
                    after[at] = after[at] with { Rules = Edit(after[at].Rules, random, add: false) };
                    break;
            }
        }

        return after;
    }

    private static RuleSets Edit(RuleSets rules, Random random, bool add)
    {
        ImmutableArray<Rule> Change(ImmutableArray<Rule> list, int min) =>
            add ? [.. list.Append(Pool[random.Next(Pool.Length)]).DistinctBy(RuleWire.CanonicalJson)]
            : list.Length > min ? list.RemoveAt(random.Next(list.Length)) : list;

        return random.Next(3) switch
        {
            0 => rules with { Include = Change(rules.Include, 1) },
            1 => rules with { Exclude = Change(rules.Exclude, 0) },
            _ => rules with { Require = Change(rules.Require, 0) },
        };
    }

    private static LivePolicy Live(Policy policy, int precedence) => Some.Policy(
        policy.Name,
        precedence,
        WireNames.Of(policy.Decision),
        Json(policy.Rules.Include),
        $"\"exclude\":{Json(policy.Rules.Exclude)},\"require\":{Json(policy.Rules.Require)}");

    /// <summary>The application file: each policy's rules in the API's shape, which is YAML's flow style too.</summary>
    private static string File(IEnumerable<Policy> policies) =>
        "app: {name: Grafana}\npolicies:\n" + string.Concat(policies.Select(p =>
            $"  - {{name: {p.Name}, decision: {WireNames.Of(p.Decision)}, include: {Json(p.Rules.Include)}, exclude: {Json(p.Rules.Exclude)}, require: {Json(p.Rules.Require)}}}\n"));

    private static string Json(ImmutableArray<Rule> rules) => RuleWire.WriteList(rules).ToJsonString();

    private static string Listing(IEnumerable<Policy> policies) => string.Join("\n", policies.Select(p =>
        $"  {p.Name} {WireNames.Of(p.Decision)} include {Json(p.Rules.Include)} exclude {Json(p.Rules.Exclude)} require {Json(p.Rules.Require)}"));

    private static string Describe(Identity who) =>
        $"email {who.Email ?? "-"}, ip {who.Ip?.ToString() ?? "-"}, country {who.Country}, auth [{string.Join(",", who.AuthMethods)}], token {who.AnyValidServiceToken}, groups [{string.Join(",", who.Groups)}]";

    private sealed record Policy(string Name, Decision Decision, RuleSets Rules);
}
