using System.Net;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Evaluation;

/// <summary>How one rule judged an identity, and why, in words an explanation prints.</summary>
/// <param name="Needs">For an unknown: the attribute the case would have to state for the rule to be known.</param>
public sealed record RuleVerdict(Rule Rule, Truth Truth, string Why, string? Needs = null);

/// <summary>
/// Judges one rule of any of the API's kinds against an <see cref="Identity"/>. Emails, domains, names and ids
/// compare in any letter case; an IP rule matches an address inside its range (IPv4 or IPv6). A group rule
/// matches when the identity states the group, or else (given its definition) when the group's own rules match it.
/// </summary>
public sealed class RuleEvaluator(Identity who, GroupDefinitions? groups = null)
{
    private const int MaxGroupDepth = 16;

    private readonly Dictionary<string, RuleVerdict> judgedGroups = new(StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> groupsInProgress = new(StringComparer.OrdinalIgnoreCase);

    public RuleVerdict Judge(Rule rule) => Judge(rule, depth: 0);

    /// <summary>Include: any rule matches; exclude: none does; require: every one does.</summary>
    public Truth Matches(RuleSets rules, out IReadOnlyList<RuleVerdict> verdicts) => Matches(rules, 0, out verdicts);

    private Truth Matches(RuleSets rules, int depth, out IReadOnlyList<RuleVerdict> verdicts)
    {
        var judged = new List<RuleVerdict>();
        var include = rules.Include.Aggregate(Truth.False, (any, rule) => any.Or(Add(judged, Judge(rule, depth))));
        var exclude = rules.Exclude.Aggregate(Truth.False, (any, rule) => any.Or(Add(judged, Judge(rule, depth))));
        var require = rules.Require.Aggregate(Truth.True, (all, rule) => all.And(Add(judged, Judge(rule, depth))));
        verdicts = judged;
        return include.And(exclude.Not()).And(require);
    }

    private static Truth Add(List<RuleVerdict> judged, RuleVerdict verdict)
    {
        judged.Add(verdict);
        return verdict.Truth;
    }

    private RuleVerdict Judge(Rule rule, int depth) => rule switch
    {
        EveryoneRule => Known(rule, true, "everyone"),
        EmailRule r => Known(rule, Same(who.Email, r.Email), $"email is {who.Email ?? "absent"}"),
        EmailDomainRule r => Known(rule, Same(who.EmailDomain, r.Domain.TrimStart('@')), $"email domain is {who.EmailDomain ?? "absent"}"),
        CountryRule r => Known(rule, Same(who.Country, r.CountryCode), $"country is {who.Country ?? "absent"}"),
        IpRule r => Known(rule, who.Ip is { } ip && InRange(ip, r.Range), $"ip is {who.Ip?.ToString() ?? "absent"}"),
        AuthMethodRule r => Known(rule, who.AuthMethods.Any(m => Same(m, r.Method)), $"auth methods are {List(who.AuthMethods)}"),
        LoginMethodRule r => Known(rule, Same(who.LoginMethod, r.Reference.Value), $"login method is {who.LoginMethod ?? "absent"}"),
        AccountMemberRule => Known(rule, who.AccountMember, who.AccountMember ? "an account member" : "not an account member"),
        ServiceTokenRule r => Known(rule, Same(who.ServiceToken, r.Reference.Value), $"service token is {who.ServiceToken ?? "absent"}"),
        AnyValidServiceTokenRule => Known(rule, who.AnyValidServiceToken || who.ServiceToken is not null, who.AnyValidServiceToken || who.ServiceToken is not null ? "a valid service token" : "no service token"),
        CertificateRule => Known(rule, who.Certificate, who.Certificate ? "a valid client certificate" : "no client certificate"),
        CommonNameRule r => Known(rule, Same(who.CommonName, r.CommonName), $"certificate common name is {who.CommonName ?? "absent"}"),
        OktaGroupRule r => IdpGroup(rule, r.GroupName, r.IdentityProviderId),
        AzureAdGroupRule r => IdpGroup(rule, r.GroupId, r.IdentityProviderId),
        GSuiteGroupRule r => IdpGroup(rule, r.GroupEmail, r.IdentityProviderId),
        GitHubOrganizationRule r => IdpGroup(rule, r.Team is null ? r.Organization : $"{r.Organization}/{r.Team}", r.IdentityProviderId),
        SamlAttributeRule r => IdpGroup(rule, $"{r.AttributeName}={r.AttributeValue}", r.IdentityProviderId),
        OidcClaimRule r => IdpGroup(rule, $"{r.ClaimName}={r.ClaimValue}", r.IdentityProviderId),
        DevicePostureRule r => who.DevicePosture is { } passing
            ? Known(rule, passing.Any(p => Same(p, r.IntegrationUid)), $"passing posture checks are {List(passing)}")
            : Unknown(rule, "device_posture"),
        UserRiskScoreRule r => who.UserRiskScore is { } score
            ? Known(rule, r.Levels.Any(l => Same(l, score)), $"user risk score is {score}")
            : Unknown(rule, "user_risk_score"),
        ExternalEvaluationRule => Unknown(rule, "an external evaluation, which only Access can make"),
        EmailListRule r => who.EmailLists is { } emailLists
            ? Known(rule, emailLists.Any(l => Same(l, r.ListId)), $"email is on lists {List(emailLists)}")
            : Unknown(rule, "email_lists"),
        IpListRule r => who.IpLists is { } ipLists
            ? Known(rule, ipLists.Any(l => Same(l, r.ListId)), $"address is in lists {List(ipLists)}")
            : Unknown(rule, "ip_lists"),
        AuthContextRule => Unknown(rule, "the identity provider's authentication context"),
        LinkedAppTokenRule => Unknown(rule, "a token of the linked application"),
        GroupRule r => Group(r, depth),
        _ => Unknown(rule, "a rule kind this version of AccessSync cannot evaluate"),
    };

    private RuleVerdict Group(GroupRule rule, int depth)
    {
        if (who.Groups.Any(g => Same(g, rule.Reference.Value)))
        {
            return Known(rule, true, $"in group {rule.Reference.Value}");
        }

        // Each group is judged once per identity: definitions come from the API, and a group naming another many
        // times over, nested, would otherwise cost its fan-out to the power of its depth.
        var key = rule.Reference.Value.Trim();
        if (judgedGroups.TryGetValue(key, out var judged))
        {
            return judged with { Rule = rule };
        }

        if (groupsInProgress.Contains(key))
        {
            return TooDeep(rule);
        }

        groupsInProgress.Add(key);
        var verdict = JudgeByDefinition(rule, depth);
        groupsInProgress.Remove(key);
        judgedGroups[key] = verdict;
        return verdict;
    }

    private RuleVerdict JudgeByDefinition(GroupRule rule, int depth)
    {
        if (groups?.Invoke(rule.Reference) is not { } definition)
        {
            return Known(rule, false, $"not in group {rule.Reference.Value}");
        }

        if (depth >= MaxGroupDepth)
        {
            return TooDeep(rule);
        }

        var truth = Matches(definition, depth + 1, out var inner);
        var needs = inner.FirstOrDefault(v => v.Truth == Truth.Unknown)?.Needs;
        return new RuleVerdict(rule, truth, $"group {rule.Reference.Value}'s own rules {(truth == Truth.True ? "match" : truth == Truth.False ? "do not match" : "may match")}", truth == Truth.Unknown ? needs : null);
    }

    private static RuleVerdict TooDeep(GroupRule rule) =>
        Unknown(rule, $"group {rule.Reference.Value}'s definition, nested more than {MaxGroupDepth} deep or containing itself");

    /// <summary>An identity provider's assertion: known from the case, and only for the provider it logged in with when it says which.</summary>
    private RuleVerdict IdpGroup(Rule rule, string asserted, string identityProviderId)
    {
        var viaOther = who.LoginMethod is { } login && !Same(login, identityProviderId);
        var holds = !viaOther && who.IdpGroups.Any(g => Same(g, asserted));
        return Known(rule, holds, viaOther ? $"logged in with {who.LoginMethod}, not this identity provider" : $"identity provider asserts {List(who.IdpGroups)}");
    }

    private static RuleVerdict Known(Rule rule, bool holds, string why) => new(rule, TruthLogic.Of(holds), why);

    private static RuleVerdict Unknown(Rule rule, string needs) => new(rule, Truth.Unknown, $"needs {needs}", needs);

    private static bool Same(string? left, string? right) =>
        left is not null && right is not null && string.Equals(left.Trim(), right.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string List(IReadOnlyCollection<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);

    /// <summary>Whether <paramref name="address"/> is in <paramref name="range"/> (an address, or CIDR); an IPv4 address matches its IPv6-mapped form.</summary>
    internal static bool InRange(IPAddress address, string range) => IpRange.Parse(range)?.Contains(address) ?? false;
}
