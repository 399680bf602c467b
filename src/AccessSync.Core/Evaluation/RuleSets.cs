using System.Collections.Immutable;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Evaluation;

/// <summary>The three rule lists Access evaluates for a policy, and for an Access group the same way.</summary>
public sealed record RuleSets(ImmutableArray<Rule> Include, ImmutableArray<Rule> Exclude, ImmutableArray<Rule> Require)
{
    public static RuleSets Of(ImmutableArray<Rule> include, ImmutableArray<Rule>? exclude, ImmutableArray<Rule>? require) =>
        new(include, exclude ?? [], require ?? []);
}

/// <summary>A policy as Access evaluates it: its name, decision and place, and its rules.</summary>
public sealed record EvaluatedPolicy(string Name, Decision Decision, int Precedence, RuleSets Rules)
{
    public static EvaluatedPolicy From(DesiredPolicy policy) =>
        new(policy.Name, policy.Decision, policy.Precedence, RuleSets.Of(policy.Include, policy.Exclude, policy.Require));

    /// <summary>Bypass and service auth policies are evaluated before allow and block ones.</summary>
    public bool IsEvaluatedFirst => Decision is Decision.Bypass or Decision.NonIdentity;
}

/// <summary>Finds an Access group's own rules by a rule's reference to it; null for a group it does not know.</summary>
public delegate RuleSets? GroupDefinitions(ObjectReference group);
