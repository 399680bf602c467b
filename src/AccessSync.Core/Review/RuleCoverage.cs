using AccessSync.Core.Evaluation;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Review;

/// <summary>
/// Whether one rule matches every request another matches, from the meaning of their kinds: <c>everyone</c> covers
/// every rule, a CIDR range the ranges inside it, an email domain the addresses at it, any valid service token each
/// token, a GitHub organization its teams, a set of risk levels its subsets. What cannot be shown is not covered:
/// a reviewer is told "may widen" rather than nothing.
/// </summary>
public static class RuleCoverage
{
    /// <summary><paramref name="wider"/> matches every request <paramref name="narrower"/> matches.</summary>
    public static bool Covers(Rule wider, Rule narrower) => (wider, narrower) switch
    {
        _ when Same(wider, narrower) => true,
        (EveryoneRule, _) => true,
        (IpRule w, IpRule n) => RangeWithin(n.Range, w.Range),
        (EmailDomainRule w, EmailRule n) => n.Email.EndsWith("@" + w.Domain.TrimStart('@'), StringComparison.OrdinalIgnoreCase),
        (EmailDomainRule w, EmailDomainRule n) => string.Equals(w.Domain.TrimStart('@'), n.Domain.TrimStart('@'), StringComparison.OrdinalIgnoreCase),
        (EmailRule w, EmailRule n) => string.Equals(w.Email, n.Email, StringComparison.OrdinalIgnoreCase),
        (CountryRule w, CountryRule n) => string.Equals(w.CountryCode, n.CountryCode, StringComparison.OrdinalIgnoreCase),
        (UserRiskScoreRule w, UserRiskScoreRule n) => n.Levels.All(l => w.Levels.Contains(l, StringComparer.OrdinalIgnoreCase)),
        (AnyValidServiceTokenRule, ServiceTokenRule) => true,
        (CertificateRule, CommonNameRule) => true,
        (GitHubOrganizationRule w, GitHubOrganizationRule n) => w.Team is null
            && string.Equals(w.Organization, n.Organization, StringComparison.OrdinalIgnoreCase)
            && string.Equals(w.IdentityProviderId, n.IdentityProviderId, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>The rule written as the API writes it, compared whole: two rules written alike match alike.</summary>
    public static bool Same(Rule left, Rule right) => string.Equals(RuleWire.CanonicalJson(left), RuleWire.CanonicalJson(right), StringComparison.Ordinal);

    /// <summary>Every address in <paramref name="inner"/> is in <paramref name="outer"/>.</summary>
    private static bool RangeWithin(string inner, string outer) =>
        IpRange.Parse(inner) is { } narrower && IpRange.Parse(outer) is { } wider && narrower.IsWithin(wider);
}
