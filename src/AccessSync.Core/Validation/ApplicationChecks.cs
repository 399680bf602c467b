using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;
using AccessSync.Core.Sources;

namespace AccessSync.Core.Validation;

/// <summary>The checks of meaning inside one application file, after the schema has accepted its shape.</summary>
public static class ApplicationChecks
{
    public static ImmutableArray<Diagnostic> Check(ApplicationFile file)
    {
        var entries = ListEntry.Of(file);
        return
        [
            .. DuplicateNames(entries),
            .. DuplicatePrecedences(entries),
            .. NoPolicies(file),
            .. file.Policies.SelectMany(PolicyChecks.AllowsEveryone),
            .. TooManyPolicies(file),
            .. file.Policies.SelectMany(PolicyChecks.TooManyRules),
            .. UnreachablePolicies(file),
        ];
    }

    /// <summary>
    /// A policy that can never decide, because one evaluated before it (Access's order: bypass and service auth first,
    /// then by precedence) already decides every request it would match: one that matches every request (<c>include:
    /// everyone</c> with no exclude or require), or one with the very same rules.
    /// </summary>
    private static IEnumerable<Diagnostic> UnreachablePolicies(ApplicationFile file)
    {
        var ordered = file.Policies
            .OrderBy(p => p.Decision is Decision.Bypass or Decision.NonIdentity ? 0 : 1)
            .ThenBy(p => p.EffectivePrecedence);

        // One pass: the first policy that matches every request, and the earlier policies by the kinds of their
        // rules. Two policies with the very same rules have the same kinds, so a policy's rules are written out in
        // full (which costs) only when an earlier one has its kinds: in validate's hot path, rarely.
        PolicySpec? matchesEverything = null;
        var earlierByKinds = new Dictionary<int, List<(PolicySpec Policy, Lazy<string> Signature)>>();
        foreach (var policy in ordered)
        {
            var rules = RuleSets.Of(policy.Include, policy.Exclude, policy.Require);
            var signature = new Lazy<string>(() => Signature(rules));
            var kinds = KindsOf(rules);
            var (earlier, why) = matchesEverything is not null
                ? (matchesEverything, "matches every request (`everyone`, with no exclude or require)")
                : earlierByKinds.TryGetValue(kinds, out var alike) && alike.FirstOrDefault(e => e.Signature.Value == signature.Value).Policy is { } same
                    ? (same, "has the very same rules")
                    : (null, null);
            if (earlier is not null)
            {
                yield return Diagnostic.Warning(
                    DiagnosticCodes.UnreachablePolicy,
                    $"policy `{policy.Name}` can never decide: `{earlier.Name}` (line {earlier.Spans.Policy.Line}), which Access evaluates first, {why}",
                    policy.Spans.Name);
                continue;
            }

            if (!earlierByKinds.TryGetValue(kinds, out var list))
            {
                earlierByKinds[kinds] = list = [];
            }

            list.Add((policy, signature));
            if (rules.Include.Any(r => r is EveryoneRule) && rules.Exclude.IsEmpty && rules.Require.IsEmpty)
            {
                matchesEverything = policy;
            }
        }
    }

    /// <summary>The rule kinds of each list, in any order, as a number: equal for rules that may be the very same.</summary>
    private static int KindsOf(RuleSets rules)
    {
        static int List(ImmutableArray<Rule> list)
        {
            var sum = 0;
            foreach (var kind in list.Select(r => r.Kind.Key).Distinct(StringComparer.Ordinal))
            {
                sum = unchecked(sum + StringComparer.Ordinal.GetHashCode(kind));
            }

            return sum;
        }

        return HashCode.Combine(List(rules.Include), List(rules.Exclude), List(rules.Require));
    }

    /// <summary>The rules as a set: the order of rules within a list changes nothing Access decides.</summary>
    private static string Signature(RuleSets rules)
    {
        static string List(IEnumerable<Rule> list) => string.Join("\u001f", list.Select(RuleWire.CanonicalJson).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return $"{List(rules.Include)}\u001e{List(rules.Exclude)}\u001e{List(rules.Require)}";
    }

    /// <summary>The application's own policies and its <c>use</c> entries, which each attach one more.</summary>
    private static IEnumerable<Diagnostic> TooManyPolicies(ApplicationFile file)
    {
        var policies = file.Policies.Length + file.Uses.Length;
        if (policies > SourceLimits.MaxPoliciesPerApplication)
        {
            yield return Diagnostic.Error(
                DiagnosticCodes.TooManyPolicies,
                $"the application has {policies} policies (`use` entries included), more than the limit of {SourceLimits.MaxPoliciesPerApplication}; split it or make the rules of several policies one",
                file.PoliciesSpan);
        }
    }

    /// <summary>
    /// Names identify policies within an application; Cloudflare's dashboard shows them without regard to case.
    /// A <c>use</c> entry attaches a policy by its name, so it shares the application's names with its own policies.
    /// </summary>
    private static IEnumerable<Diagnostic> DuplicateNames(List<ListEntry> entries)
    {
        var seen = new Dictionary<string, ListEntry>(entries.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (seen.TryGetValue(entry.Name, out var first))
            {
                yield return Diagnostic.Error(
                    DiagnosticCodes.DuplicatePolicyName,
                    $"policy name `{entry.Name}` is already used at line {first.NameSpan.Line}; each policy of an application needs its own name",
                    entry.NameSpan);
            }
            else
            {
                seen.Add(entry.Name, entry);
            }
        }
    }

    /// <summary>
    /// A policy's precedence is its explicit one, else its position in the list (<c>use</c> entries counted, since
    /// the policies they attach take a precedence too). Cloudflare refuses two policies of one application with the
    /// same precedence, so an explicit one that collides is an error here rather than a failed apply later.
    /// </summary>
    private static IEnumerable<Diagnostic> DuplicatePrecedences(List<ListEntry> entries)
    {
        foreach (var entry in entries.Where(e => e.PrecedenceSpan is not null))
        {
            var other = entries.FirstOrDefault(e => e.EffectivePrecedence == entry.EffectivePrecedence && !ReferenceEquals(e, entry));
            if (other is not null)
            {
                var how = other.Precedence is null ? "by its position in the list" : "explicitly";
                yield return Diagnostic.Error(
                    DiagnosticCodes.DuplicatePrecedence,
                    $"precedence {entry.EffectivePrecedence} is also given to `{other.Name}` (line {other.Line}, {how}); precedences must be unique within an application",
                    entry.PrecedenceSpan!);
            }
        }
    }

    /// <summary>An application whose list attaches reusable policies is not empty, even with no policy of its own.</summary>
    private static IEnumerable<Diagnostic> NoPolicies(ApplicationFile file)
    {
        if (file.Policies.IsEmpty && file.Uses.IsEmpty)
        {
            yield return Diagnostic.Warning(
                DiagnosticCodes.NoPolicies,
                $"application `{file.App.Value}` has no policies: applying this file removes all of them, and Access then lets no one in",
                file.PoliciesSpan);
        }
    }

    /// <summary>One entry of the policies list, an own policy or a <c>use</c> entry, as the checks of the whole list see it.</summary>
    private sealed record ListEntry(string Name, SourceSpan NameSpan, int Line, int Position, int? Precedence, SourceSpan? PrecedenceSpan)
    {
        public int EffectivePrecedence => Precedence ?? Position;

        public static List<ListEntry> Of(ApplicationFile file) =>
        [
            .. file.Policies
                .Select(p => new ListEntry(p.Name, p.Spans.Name, p.Spans.Policy.Line, p.Position, p.Precedence, p.Spans.Precedence))
                .Concat(file.Uses.Select(u => new ListEntry(u.Name, u.Span, u.Span.Line, u.Position, u.Precedence, u.PrecedenceSpan)))
                .OrderBy(e => e.Position),
        ];
    }
}
