using AccessSync.Core.Model;

namespace AccessSync.Cloudflare.Model;

/// <summary>Everything live in one scope that planning needs, read in as few requests as the API allows.</summary>
/// <param name="ReusablePolicies">Empty in a zone: reusable policies exist only in accounts.</param>
public sealed record LiveEstate(
    Scope Scope,
    IReadOnlyList<AccessApplication> Applications,
    IReadOnlyList<AccessPolicy> ReusablePolicies,
    IReadOnlyList<AccessGroup> Groups,
    IReadOnlyList<AccessServiceToken> ServiceTokens,
    IReadOnlyList<AccessIdentityProvider> IdentityProviders)
{
    /// <summary>Whether a policy embedded in an application is a reusable one (embedded policies carry no flag; ids tell).</summary>
    public bool IsReusable(AccessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Reusable || ReusablePolicies.Any(p => string.Equals(p.Id, policy.Id, StringComparison.Ordinal));
    }
}
