using System.Collections.Immutable;
using AccessSync.Core.Model;

namespace AccessSync.Core.Evaluation;

/// <summary>How one policy judged an identity: whether it matches, and each rule's verdict.</summary>
public sealed record PolicyVerdict(EvaluatedPolicy Policy, Truth Matches, IReadOnlyList<RuleVerdict> Rules);

/// <summary>A decision Access could reach, and the policy that reaches it (null: no policy matched, so Access denies).</summary>
public sealed record PossibleOutcome(Decision Decision, EvaluatedPolicy? Policy);

/// <summary>
/// What Access decides for one identity: every policy in evaluation order with its verdict, and the outcomes
/// possible. Exactly one outcome when every policy up to the deciding one is known; more when a policy before it
/// depends on an unknown (a device posture, a risk score): then the decision is determined only if they agree.
/// </summary>
public sealed record AccessResult(ImmutableArray<PolicyVerdict> Order, ImmutableArray<PossibleOutcome> Possible)
{
    /// <summary>Every possible outcome gives the same decision.</summary>
    public bool IsDetermined
    {
        get
        {
            // A loop: LINQ's Distinct over an enum is compiled on first use in every run that evaluates.
            foreach (var possible in Possible)
            {
                if (possible.Decision != Possible[0].Decision)
                {
                    return false;
                }
            }

            return !Possible.IsEmpty;
        }
    }

    /// <summary>The decision, when determined.</summary>
    public Decision? Decision => IsDetermined ? Possible[0].Decision : null;

    /// <summary>The one policy that decides, when only one can; null when none matched (denied by default) or when it depends on an unknown.</summary>
    public EvaluatedPolicy? DecidedBy => Possible.Length == 1 ? Possible[0].Policy : null;

    /// <summary>The policy decision depends on no unknown: one outcome only.</summary>
    public bool IsCertain => Possible.Length == 1;

    /// <summary>The rules whose unknown value the outcome depends on, in evaluation order.</summary>
    public IEnumerable<RuleVerdict> Unknowns => Order
        .Where(p => p.Matches == Truth.Unknown)
        .SelectMany(p => p.Rules.Where(r => r.Truth == Truth.Unknown));
}

/// <summary>
/// Evaluates an application's policies as Cloudflare Access does
/// (https://developers.cloudflare.com/cloudflare-one/access-controls/policies/, "Order of execution"): deny by default; Bypass
/// and Service Auth policies first, in precedence order, then Allow and Block policies in precedence order; the
/// first policy that matches decides. A policy matches when at least one include rule matches, no exclude rule
/// matches, and every require rule matches.
/// </summary>
public static class AccessEvaluator
{
    public static AccessResult Evaluate(IEnumerable<EvaluatedPolicy> policies, Identity who, GroupDefinitions? groups = null)
    {
        var rules = new RuleEvaluator(who, groups);
        var order = ImmutableArray.CreateBuilder<PolicyVerdict>();
        var possible = ImmutableArray.CreateBuilder<PossibleOutcome>();
        foreach (var policy in InEvaluationOrder(policies))
        {
            var matches = rules.Matches(policy.Rules, out var verdicts);
            order.Add(new PolicyVerdict(policy, matches, verdicts));
            if (matches == Truth.False)
            {
                continue;
            }

            possible.Add(new PossibleOutcome(policy.Decision, policy));
            if (matches == Truth.True)
            {
                return new AccessResult(order.ToImmutable(), possible.ToImmutable());
            }
        }

        possible.Add(new PossibleOutcome(Model.Decision.Deny, null));
        return new AccessResult(order.ToImmutable(), possible.ToImmutable());
    }

    /// <summary>Bypass and service auth first, then allow and block; each part by precedence.</summary>
    public static IEnumerable<EvaluatedPolicy> InEvaluationOrder(IEnumerable<EvaluatedPolicy> policies) =>
        policies.OrderBy(p => p.IsEvaluatedFirst ? 0 : 1).ThenBy(p => p.Precedence);
}
