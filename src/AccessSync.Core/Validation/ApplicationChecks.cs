using System.Collections.Immutable;
using System.Text;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;
using AccessSync.Core.Sources;

namespace AccessSync.Core.Validation;

/// <summary>The checks of meaning inside one application file, after the schema has accepted its shape.</summary>
public static class ApplicationChecks
{
    /// <remarks>
    /// Every file is checked and almost none has a problem, so a check that has nothing to say costs nothing: the
    /// single-finding checks answer an empty array, and explicit precedences are compared only when there are some.
    /// </remarks>
    public static ImmutableArray<Diagnostic> Check(ApplicationFile file)
    {
        var entries = ListEntry.Of(file);
        var found = new List<Diagnostic>();
        found.AddRange(DuplicateNames(entries));
        if (entries.Exists(static e => e.PrecedenceSpan is not null))
        {
            found.AddRange(DuplicatePrecedences(entries));
        }

        found.AddRange(NoPolicies(file));
        foreach (var policy in file.Policies)
        {
            found.AddRange(PolicyChecks.AllowsEveryone(policy));
        }

        found.AddRange(TooManyPolicies(file));
        foreach (var policy in file.Policies)
        {
            found.AddRange(PolicyChecks.TooManyRules(policy));
        }

        found.AddRange(UnreachablePolicies(file));
        return [.. found];
    }

    /// <summary>
    /// A policy that can never decide, because one evaluated before it (Access's order: bypass and service auth first,
    /// then by precedence) already decides every request it would match: one that matches every request (<c>include:
    /// everyone</c> with no exclude or require), or one with the very same rules.
    /// </summary>
    private static IEnumerable<Diagnostic> UnreachablePolicies(ApplicationFile file)
    {
        // One pass: the first policy that matches every request, and the earlier policies with the kinds of their
        // rules. Two policies with the very same rules have the same kinds, so a policy's rules are written out in
        // full (which costs) only when an earlier one has its kinds. An application has a handful of policies, which
        // are scanned; past that many, they are indexed by their kinds, so that a file of thousands stays linear.
        PolicySpec? matchesEverything = null;
        var earlier = new List<Earlier>(file.Policies.Length);
        Dictionary<long, List<Earlier>>? byKinds = null;
        foreach (var policy in InEvaluationOrder(file.Policies))
        {
            var current = new Earlier(policy, RuleSets.Of(policy.Include, policy.Exclude, policy.Require));
            var (before, why) = matchesEverything is not null
                ? (matchesEverything, "matches every request (`everyone`, with no exclude or require)")
                : SameRules(byKinds is null ? earlier : byKinds.GetValueOrDefault(current.Kinds), current) is { } same
                    ? (same.Policy, "has the very same rules")
                    : (null, null);
            if (before is not null)
            {
                yield return Diagnostic.Warning(
                    DiagnosticCodes.UnreachablePolicy,
                    $"policy `{policy.Name}` can never decide: `{before.Name}` (line {before.Spans.Policy.Line}), which Access evaluates first, {why}",
                    policy.Spans.Name);
                continue;
            }

            earlier.Add(current);
            if (byKinds is not null)
            {
                Index(byKinds, current);
            }
            else if (earlier.Count > PoliciesScanned)
            {
                byKinds = [];
                earlier.ForEach(e => Index(byKinds, e));
            }

            if (current.Rules.Include.Any(r => r is EveryoneRule) && current.Rules.Exclude.IsEmpty && current.Rules.Require.IsEmpty)
            {
                matchesEverything = policy;
            }
        }
    }

    /// <summary>Up to this many earlier policies, finding one with the same rules scans them.</summary>
    private const int PoliciesScanned = 16;

    private static void Index(Dictionary<long, List<Earlier>> byKinds, Earlier policy)
    {
        if (!byKinds.TryGetValue(policy.Kinds, out var alike))
        {
            byKinds[policy.Kinds] = alike = [];
        }

        alike.Add(policy);
    }

    /// <summary>The earlier policy with the very same rules as <paramref name="current"/>, if any (a loop: it runs for every policy).</summary>
    private static Earlier? SameRules(List<Earlier>? earlier, Earlier current)
    {
        if (earlier is null)
        {
            return null;
        }

        foreach (var candidate in earlier)
        {
            if (candidate.Kinds == current.Kinds && candidate.Signature == current.Signature)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Access's order: bypass and service auth first, then by precedence; in file order where those tie.</summary>
    private static PolicySpec[] InEvaluationOrder(ImmutableArray<PolicySpec> policies)
    {
        static int Rank(PolicySpec p) => p.Decision is Decision.Bypass or Decision.NonIdentity ? 0 : 1;
        var order = new int[policies.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byRank = Rank(policies[a]).CompareTo(Rank(policies[b]));
            var byPrecedence = policies[a].EffectivePrecedence.CompareTo(policies[b].EffectivePrecedence);
            return byRank != 0 ? byRank : byPrecedence != 0 ? byPrecedence : a.CompareTo(b);
        });
        var ordered = new PolicySpec[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            ordered[i] = policies[order[i]];
        }

        return ordered;
    }

    /// <summary>
    /// The rule kinds of each list, in any order and each once, as a number: equal for rules that may be the very same.
    /// A kind is a bit (kinds whose names share a bit are told apart by <see cref="Signature"/>).
    /// </summary>
    private static long KindsOf(RuleSets rules)
    {
        static long List(ImmutableArray<Rule> list)
        {
            var bits = 0L;
            foreach (var rule in list)
            {
                bits |= 1L << (StringComparer.Ordinal.GetHashCode(rule.Kind.Key) & 63);
            }

            return bits;
        }

        return HashCode.Combine(List(rules.Include), List(rules.Exclude), List(rules.Require));
    }

    /// <summary>The rules as a set: the order of rules within a list changes nothing Access decides.</summary>
    private static string Signature(RuleSets rules)
    {
        var signature = new StringBuilder();
        foreach (var list in (ReadOnlySpan<ImmutableArray<Rule>>)[rules.Include, rules.Exclude, rules.Require])
        {
            var texts = new string[list.Length];
            for (var i = 0; i < list.Length; i++)
            {
                texts[i] = RuleWire.CanonicalJson(list[i]);
            }

            Array.Sort(texts, StringComparer.Ordinal);
            for (var i = 0; i < texts.Length; i++)
            {
                if (i == 0 || texts[i] != texts[i - 1])
                {
                    signature.Append(texts[i]).Append('\u001f');
                }
            }

            signature.Append('\u001e');
        }

        return signature.ToString();
    }

    /// <summary>The application's own policies and its <c>use</c> entries, which each attach one more.</summary>
    private static Diagnostic[] TooManyPolicies(ApplicationFile file)
    {
        var policies = file.Policies.Length + file.Uses.Length;
        return policies > SourceLimits.MaxPoliciesPerApplication
            ?
            [
                Diagnostic.Error(
                    DiagnosticCodes.TooManyPolicies,
                    $"the application has {policies} policies (`use` entries included), more than the limit of {SourceLimits.MaxPoliciesPerApplication}; split it or make the rules of several policies one",
                    file.PoliciesSpan),
            ]
            : [];
    }

    /// <summary>
    /// Names identify policies within an application; Cloudflare's dashboard shows them without regard to case.
    /// A <c>use</c> entry attaches a policy by its name, so it shares the application's names with its own policies.
    /// </summary>
    private static IEnumerable<Diagnostic> DuplicateNames(List<ListEntry> entries)
    {
        // A handful of entries are compared with the earlier ones directly; a long list is indexed.
        var seen = entries.Count > NamesScanned ? new Dictionary<string, ListEntry>(entries.Count, StringComparer.OrdinalIgnoreCase) : null;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (FirstNamed(entries, i, seen, entry.Name) is { } first)
            {
                yield return Diagnostic.Error(
                    DiagnosticCodes.DuplicatePolicyName,
                    $"policy name `{entry.Name}` is already used at line {first.NameSpan.Line}; each policy of an application needs its own name",
                    entry.NameSpan);
            }
            else
            {
                seen?.Add(entry.Name, entry);
            }
        }
    }

    /// <summary>Up to this many entries, finding an earlier one by name scans them rather than hashing.</summary>
    private const int NamesScanned = 16;

    /// <summary>The first of the entries before <paramref name="end"/> with this name in any case, if any.</summary>
    private static ListEntry? FirstNamed(List<ListEntry> entries, int end, Dictionary<string, ListEntry>? seen, string name)
    {
        if (seen is not null)
        {
            return seen.GetValueOrDefault(name);
        }

        for (var i = 0; i < end; i++)
        {
            if (string.Equals(entries[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return entries[i];
            }
        }

        return null;
    }

    /// <summary>
    /// A policy's precedence is its explicit one, else its position in the list (<c>use</c> entries counted, since
    /// the policies they attach take a precedence too). Cloudflare refuses two policies of one application with the
    /// same precedence, so an explicit one that collides is an error here rather than a failed apply later.
    /// </summary>
    private static IEnumerable<Diagnostic> DuplicatePrecedences(List<ListEntry> entries)
    {
        // The first two entries at each precedence, in list order: the other one an entry collides with is the first
        // that is not itself. One pass, so that a file of thousands of entries is not compared pair by pair.
        var firstTwo = new Dictionary<int, List<ListEntry>>();
        foreach (var entry in entries)
        {
            if (!firstTwo.TryGetValue(entry.EffectivePrecedence, out var at))
            {
                firstTwo[entry.EffectivePrecedence] = at = new List<ListEntry>(2);
            }

            if (at.Count < 2)
            {
                at.Add(entry);
            }
        }

        foreach (var entry in entries)
        {
            if (entry.PrecedenceSpan is not { } precedenceSpan)
            {
                continue;
            }

            var at = firstTwo[entry.EffectivePrecedence];
            var other = ReferenceEquals(at[0], entry) ? at.ElementAtOrDefault(1) : at[0];
            if (other is not null)
            {
                var how = other.Precedence is null ? "by its position in the list" : "explicitly";
                yield return Diagnostic.Error(
                    DiagnosticCodes.DuplicatePrecedence,
                    $"precedence {entry.EffectivePrecedence} is also given to `{other.Name}` (line {other.Line}, {how}); precedences must be unique within an application",
                    precedenceSpan);
            }
        }
    }

    /// <summary>An application whose list attaches reusable policies is not empty, even with no policy of its own.</summary>
    private static Diagnostic[] NoPolicies(ApplicationFile file) =>
        file.Policies.IsEmpty && file.Uses.IsEmpty
            ?
            [
                Diagnostic.Warning(
                    DiagnosticCodes.NoPolicies,
                    $"application `{file.App.Value}` has no policies: applying this file removes all of them, and Access then lets no one in",
                    file.PoliciesSpan),
            ]
            : [];

    /// <summary>
    /// One entry of the policies list, an own policy or a <c>use</c> entry, as the checks of the whole list see it;
    /// <paramref name="Order"/> is its place among the entries as read, own policies first.
    /// </summary>
    private sealed record ListEntry(string Name, SourceSpan NameSpan, int Line, int Position, int? Precedence, SourceSpan? PrecedenceSpan, int Order)
    {
        public int EffectivePrecedence => Precedence ?? Position;

        /// <summary>The entries by position, own policies before <c>use</c> entries where positions tie (as written, they never do).</summary>
        public static List<ListEntry> Of(ApplicationFile file)
        {
            var entries = new List<ListEntry>(file.Policies.Length + file.Uses.Length);
            foreach (var p in file.Policies)
            {
                entries.Add(new ListEntry(p.Name, p.Spans.Name, p.Spans.Policy.Line, p.Position, p.Precedence, p.Spans.Precedence, entries.Count));
            }

            foreach (var u in file.Uses)
            {
                entries.Add(new ListEntry(u.Name, u.Span, u.Span.Line, u.Position, u.Precedence, u.PrecedenceSpan, entries.Count));
            }

            entries.Sort(static (a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position) : a.Order.CompareTo(b.Order));
            return entries;
        }
    }

    /// <summary>A policy Access evaluates before the ones after it, with its rules written out in full when first asked for.</summary>
    private sealed class Earlier(PolicySpec policy, RuleSets rules)
    {
        public PolicySpec Policy { get; } = policy;

        public RuleSets Rules { get; } = rules;

        /// <summary>The kinds of its rules (see <see cref="KindsOf"/>): equal for policies that may have the very same rules.</summary>
        public long Kinds { get; } = KindsOf(rules);

        private string? signature;

        public string Signature => signature ??= ApplicationChecks.Signature(Rules);
    }
}
