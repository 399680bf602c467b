using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;

namespace AccessSync.Core.Validation;

/// <summary>The checks of meaning inside one application file, after the schema has accepted its shape.</summary>
public static class ApplicationChecks
{
    public static ImmutableArray<Diagnostic> Check(ApplicationFile file) =>
    [
        .. DuplicateNames(file),
        .. DuplicatePrecedences(file),
        .. NoPolicies(file),
        .. AllowsEveryone(file),
    ];

    /// <summary>Names identify policies within an application; Cloudflare's dashboard shows them without regard to case.</summary>
    private static IEnumerable<Diagnostic> DuplicateNames(ApplicationFile file)
    {
        var seen = new Dictionary<string, PolicySpec>(StringComparer.OrdinalIgnoreCase);
        foreach (var policy in file.Policies)
        {
            if (seen.TryGetValue(policy.Name, out var first))
            {
                yield return Diagnostic.Error(
                    DiagnosticCodes.DuplicatePolicyName,
                    $"policy name `{policy.Name}` is already used at line {first.Spans.Name.Line}; each policy of an application needs its own name",
                    policy.Spans.Name);
            }
            else
            {
                seen.Add(policy.Name, policy);
            }
        }
    }

    /// <summary>
    /// A policy's precedence is its explicit one, else its position in the list. Cloudflare refuses two policies
    /// of one application with the same precedence, so an explicit one that collides is an error here rather
    /// than a failed apply later.
    /// </summary>
    private static IEnumerable<Diagnostic> DuplicatePrecedences(ApplicationFile file)
    {
        var effective = file.Policies.Select(p => (policy: p, precedence: p.EffectivePrecedence)).ToList();
        foreach (var (policy, precedence) in effective.Where(e => e.policy.Precedence is not null))
        {
            var other = effective.FirstOrDefault(e => e.precedence == precedence && !ReferenceEquals(e.policy, policy)).policy;
            if (other is not null)
            {
                var how = other.Precedence is null ? "by its position in the list" : "explicitly";
                yield return Diagnostic.Error(
                    DiagnosticCodes.DuplicatePrecedence,
                    $"precedence {precedence} is also given to `{other.Name}` (line {other.Spans.Policy.Line}, {how}); precedences must be unique within an application",
                    policy.Spans.Precedence!);
            }
        }
    }

    private static IEnumerable<Diagnostic> NoPolicies(ApplicationFile file)
    {
        if (file.Policies.IsEmpty)
        {
            yield return Diagnostic.Warning(
                DiagnosticCodes.NoPolicies,
                $"application `{file.App.Value}` has no policies: applying this file removes all of them, and Access then lets no one in",
                file.PoliciesSpan);
        }
    }

    private static IEnumerable<Diagnostic> AllowsEveryone(ApplicationFile file) =>
        from policy in file.Policies
        where policy.Decision == Decision.Allow && (policy.Require is null || policy.Require.Value.IsEmpty)
        from rule in policy.Include
        where rule.Kind == "everyone"
        select Diagnostic.Warning(
            DiagnosticCodes.AllowsEveryone,
            $"policy `{policy.Name}` allows everyone and requires nothing: anyone who can reach the application gets in; add a `require` rule or narrow `include`",
            rule.Span);
}
