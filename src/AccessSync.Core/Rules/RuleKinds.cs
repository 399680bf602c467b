using System.Collections.Frozen;
using System.Collections.Immutable;

namespace AccessSync.Core.Rules;

/// <summary>The 26 kinds of rule the API defines (its <c>access_rule</c>), each once, by its key.</summary>
public static class RuleKinds
{
    public static readonly ImmutableArray<RuleKind> All =
    [
        EmailRule.Wire, EmailDomainRule.Wire, EmailListRule.Wire, EveryoneRule.Wire, GroupRule.Wire, AccountMemberRule.Wire,
        LoginMethodRule.Wire, AuthMethodRule.Wire, AzureAdGroupRule.Wire, GitHubOrganizationRule.Wire, GSuiteGroupRule.Wire,
        OktaGroupRule.Wire, SamlAttributeRule.Wire, OidcClaimRule.Wire, AuthContextRule.Wire,
        IpRule.Wire, IpListRule.Wire, CountryRule.Wire,
        ServiceTokenRule.Wire, AnyValidServiceTokenRule.Wire, CertificateRule.Wire, CommonNameRule.Wire, LinkedAppTokenRule.Wire,
        DevicePostureRule.Wire, ExternalEvaluationRule.Wire, UserRiskScoreRule.Wire,
    ];

    private static readonly FrozenDictionary<string, RuleKind> ByKey = All.ToFrozenDictionary(k => k.Key, StringComparer.Ordinal);

    /// <summary>The kind with this key, or null for one this version does not know.</summary>
    public static RuleKind? Find(string key) => ByKey.GetValueOrDefault(key);
}
