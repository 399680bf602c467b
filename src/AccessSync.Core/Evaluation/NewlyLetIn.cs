using System.Collections.Immutable;
using System.Net;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Evaluation;

/// <summary>
/// Looks for a request that one set of an application's policies refuses and another lets in: the example a
/// reviewer reads beside a widening ("e.g. eve@partner.example from US now gets in"). The requests tried are made
/// from the values the policies' own rules name (their emails, domains, countries, ranges, groups, ...), the
/// simplest first: one attribute, then two, and so on, so the example found states as little as it can.
/// </summary>
/// <remarks>
/// An example proves a widening; finding none proves nothing (the values tried are a sample, and the search is
/// bounded by <see cref="SearchBudget"/> in rules judged, since policy files are untrusted input). Only certain decisions count:
/// every attribute a rule can test is stated, so that no outcome depends on what a request does not say.
/// </remarks>
public static class NewlyLetIn
{
    /// <summary>Requests tried for one application at most: enough for every request stating up to three attributes of a typical application's rules.</summary>
    public const int PerApplication = 2_000;

    /// <summary>
    /// A request <paramref name="after"/> lets in and <paramref name="before"/> refuses, and the policy that lets it
    /// in; null when none is found within <see cref="PerApplication"/> requests and the budget.
    /// </summary>
    public static (Identity Who, string By)? Find(ApplicationPolicies before, ApplicationPolicies after, SearchBudget budget)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(budget);
        var dimensions = Dimensions([.. before.Policies, .. after.Policies]);

        // A request costs one judgment per rule of both sets at most, plus the rules of every group they reach by
        // definition (each judged once per request): the budget counts those, so that an application of many long
        // policies, or groups the server defines at length, costs its size.
        var cost = 1 + Cost(before) + Cost(after);
        foreach (var who in Candidates(dimensions).Take(PerApplication))
        {
            if (!budget.TrySpend(cost))
            {
                return null;
            }

            var now = after.Evaluate(who);
            if (now.Decision is Model.Decision.Allow or Model.Decision.Bypass or Model.Decision.NonIdentity
                && before.Evaluate(who).Decision == Model.Decision.Deny)
            {
                return (who, now.DecidedBy?.Name ?? string.Empty);
            }
        }

        return null;
    }

    /// <summary>The rules one request may be judged by: the policies' own, and those of each group they reach, once.</summary>
    private static long Cost(ApplicationPolicies policies)
    {
        static IEnumerable<Rule> All(RuleSets rules) => rules.Include.Concat(rules.Exclude).Concat(rules.Require);
        var cost = 0L;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<RuleSets>(policies.Policies.Select(p => p.Rules));
        while (pending.TryPop(out var rules))
        {
            foreach (var rule in All(rules))
            {
                cost++;
                if (rule is GroupRule group && policies.Groups is { } definitions && seen.Add(group.Reference.Value.Trim())
                    && definitions(group.Reference) is { } definition)
                {
                    pending.Push(definition);
                }
            }
        }

        return cost;
    }

    /// <summary>
    /// The request nobody states anything about, except what Access learns from outside it: it passes no posture
    /// check, is on no list and has a low risk score, so that rules of those kinds are decided too.
    /// </summary>
    private static Identity Base { get; } = new(DevicePosture: [], UserRiskScore: "low", EmailLists: [], IpLists: []);

    /// <summary>Every request made of at most one value of each dimension, those setting fewer dimensions first.</summary>
    private static IEnumerable<Identity> Candidates(ImmutableArray<Dimension> dimensions)
    {
        for (var size = 0; size <= dimensions.Length; size++)
        {
            foreach (var chosen in Subsets(dimensions.Length, size, 0))
            {
                foreach (var who in Products(chosen.Select(i => dimensions[i]).ToList(), 0, Base))
                {
                    yield return who;
                }
            }
        }
    }

    private static IEnumerable<ImmutableArray<int>> Subsets(int count, int size, int from)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }

        for (var first = from; first <= count - size; first++)
        {
            foreach (var rest in Subsets(count, size - 1, first + 1))
            {
                yield return rest.Insert(0, first);
            }
        }
    }

    private static IEnumerable<Identity> Products(List<Dimension> chosen, int index, Identity who)
    {
        if (index == chosen.Count)
        {
            yield return who;
            yield break;
        }

        foreach (var set in chosen[index].Values)
        {
            foreach (var made in Products(chosen, index + 1, set(who)))
            {
                yield return made;
            }
        }
    }

    /// <summary>The attributes the policies' rules test, each with the values that can make a rule of it match.</summary>
    private static ImmutableArray<Dimension> Dimensions(IEnumerable<EvaluatedPolicy> policies)
    {
        var rules = policies.SelectMany(p => p.Rules.Include.Concat(p.Rules.Exclude).Concat(p.Rules.Require)).Distinct().ToList();
        var emails = rules.OfType<EmailRule>().Select(r => r.Email.Trim())
            .Concat(rules.OfType<EmailDomainRule>().Select(r => "someone@" + r.Domain.Trim().TrimStart('@')));
        var addresses = rules.OfType<IpRule>().Select(r => IpRange.Parse(r.Range)?.Host()).OfType<IPAddress>();
        var idpGroups = rules.Select(r => r switch
        {
            OktaGroupRule okta => okta.GroupName,
            AzureAdGroupRule azure => azure.GroupId,
            GSuiteGroupRule google => google.GroupEmail,
            GitHubOrganizationRule github => github.Team is null ? github.Organization : $"{github.Organization}/{github.Team}",
            SamlAttributeRule saml => $"{saml.AttributeName}={saml.AttributeValue}",
            OidcClaimRule oidc => $"{oidc.ClaimName}={oidc.ClaimValue}",
            _ => null,
        }).OfType<string>();

        return
        [
            .. new[]
            {
                Of(emails, (who, email) => who with { Email = email }),
                Of(rules.OfType<CountryRule>().Select(r => r.CountryCode.Trim().ToUpperInvariant()), (who, country) => who with { Country = country }),
                Of(addresses, (who, ip) => who with { Ip = ip }),
                Of(rules.OfType<GroupRule>().Select(r => r.Reference.Value.Trim()), (who, group) => who with { Groups = [group] }),
                Of(rules.OfType<AuthMethodRule>().Select(r => r.Method.Trim()), (who, method) => who with { AuthMethods = [method] }),
                Of(rules.OfType<LoginMethodRule>().Select(r => r.Reference.Value.Trim()), (who, login) => who with { LoginMethod = login }),
                Of(idpGroups, (who, asserted) => who with { IdpGroups = [asserted] }),
                Of(rules.OfType<ServiceTokenRule>().Select(r => r.Reference.Value.Trim()), (who, token) => who with { ServiceToken = token }),
                Of(rules.OfType<AnyValidServiceTokenRule>().Take(1).Select(_ => true), (who, _) => who with { AnyValidServiceToken = true }),
                Of(rules.OfType<CertificateRule>().Take(1).Select(_ => true), (who, _) => who with { Certificate = true }),
                Of(rules.OfType<CommonNameRule>().Select(r => r.CommonName), (who, name) => who with { Certificate = true, CommonName = name }),
                Of(rules.OfType<AccountMemberRule>().Take(1).Select(_ => true), (who, _) => who with { AccountMember = true }),
                Of(rules.OfType<DevicePostureRule>().Select(r => r.IntegrationUid), (who, check) => who with { DevicePosture = [check] }),
                Of(rules.OfType<UserRiskScoreRule>().SelectMany(r => r.Levels).Select(l => l.Trim().ToLowerInvariant()).Where(l => l != "low"), (who, level) => who with { UserRiskScore = level }),
                Of(rules.OfType<EmailListRule>().Select(r => r.ListId), (who, list) => who with { EmailLists = [list] }),
                Of(rules.OfType<IpListRule>().Select(r => r.ListId), (who, list) => who with { IpLists = [list] }),
            }.Where(d => !d.Values.IsEmpty),
        ];
    }

    private static Dimension Of<T>(IEnumerable<T> values, Func<Identity, T, Identity> set) =>
        new([.. values.Distinct().Select(value => (Func<Identity, Identity>)(who => set(who, value)))]);

    /// <summary>One attribute of a request, and the ways of setting it that the search tries.</summary>
    private sealed record Dimension(ImmutableArray<Func<Identity, Identity>> Values);
}
