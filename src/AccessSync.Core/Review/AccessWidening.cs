using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Model;
using AccessSync.Core.Normalization;
using AccessSync.Core.Planning;
using AccessSync.Core.Rules;
using AccessSync.Core.Yaml;

namespace AccessSync.Core.Review;

/// <summary>
/// Flags the changes of a plan that let more requests in, so that a reviewer looks twice: a pure reading of the
/// plan, after normalisation (a rule written another way is not a removal). It is a reviewer's aid, not a proof:
/// it judges each policy alone, except that a reorder moving an allow above a deny is flagged.
/// A change to a reusable policy is judged once, where the plan lists it, and names the applications it reaches;
/// attaching or detaching one is judged in the application, where it lets more in.
/// </summary>
public static class AccessWidening
{
    private static readonly FrozenSet<string> NoIdentityDecisions = new[] { "bypass", "non_identity" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Checks that a value of <c>true</c> turns on, and one of <c>false</c> turns off.</summary>
    private static readonly ImmutableArray<(string Path, bool OnMeansChecked)> Checks =
    [
        (PolicyFields.ApprovalRequired, true),
        (PolicyFields.IsolationRequired, true),
        (PolicyFields.PurposeJustificationRequired, true),
        (PolicyFields.MfaDisabled, false),
    ];

    /// <summary>
    /// The ways a change to a reusable policy widens access to the applications that use it; empty when it does
    /// not, or when no application uses it (it then lets no one in, before or after). A created policy is judged
    /// where it is attached, as that is where it starts to let anyone in.
    /// </summary>
    public static ImmutableArray<Widening> Of(Plan plan, ReusablePlan reusable)
    {
        if (reusable.Apps.IsEmpty || reusable.Change is null or CreatePolicy)
        {
            return [];
        }

        return [.. Of(plan, AppTarget.ReusablePoliciesOf(reusable.Account), reusable.Change).Select(w => w with { Apps = reusable.Apps })];
    }

    /// <summary>The ways one change of an application (or of <see cref="AppTarget.ReusablePoliciesOf"/>) widens access, in a stable order; empty when it does not.</summary>
    public static ImmutableArray<Widening> Of(Plan plan, AppTarget app, PolicyChange change)
    {
        var found = new List<(WideningKind, string)>();
        switch (change)
        {
            case CreatePolicy create:
                Added(FieldsOf(create.Desired), create.Desired.Decision, "a new", found);
                break;
            case UpdatePolicy update:
                Updated(update, found, plan.Names);
                break;
            case DeletePolicy { Decision: Decision.Deny }:
                found.Add((WideningKind.DenyNarrowed, "a deny policy is deleted: what it blocked may get in"));
                break;
            case AttachPolicy attach:
                // The attach names the policy, not its rules: those are known when the plan creates or updates it.
                Added(ReusableAfter(plan, app.Scope, attach.Name) ?? ImmutableSortedDictionary<string, string>.Empty, attach.Decision, "an attached", found);
                break;
            case DetachPolicy { Decision: Decision.Deny }:
                found.Add((WideningKind.DenyNarrowed, "a deny policy is detached: what it blocked may get in"));
                break;
            case ReorderPolicies reorder:
                return [.. reorder.Overtakes.Select(o => new Widening(
                    app,
                    o.Allow,
                    WideningKind.Overtakes,
                    $"allow \"{o.Allow}\" now comes before deny \"{o.Deny}\": what both match is now let in"))];
        }

        return [.. found.Select(f => new Widening(app, change.Subject, f.Item1, f.Item2))];
    }

    /// <summary>
    /// A policy that starts to apply to an application, created in it (<paramref name="how"/> "a new") or attached
    /// to it ("an attached"), of which <paramref name="fields"/> are the canonical fields known (none, for an
    /// attached policy the plan leaves as it is: then only its decision is judged).
    /// </summary>
    private static void Added(IReadOnlyDictionary<string, string> fields, Decision decision, string how, List<(WideningKind, string)> found)
    {
        var name = WireNames.Of(decision);
        if (NoIdentityDecisions.Contains(name))
        {
            found.Add((WideningKind.NoIdentity, $"{how} {name} policy: {What(name)}"));
        }

        if (decision != Decision.Deny && Items(fields.GetValueOrDefault(PolicyFields.Include)).Any(IsEveryone))
        {
            found.Add((WideningKind.Everyone, $"{how} {name} policy that includes everyone"));
        }
        else if (decision == Decision.Allow)
        {
            found.Add((WideningKind.NewAllow, $"{how} allow policy: whoever it matches gets in"));
        }

        // The other checks are off by default, so a new policy turns none of them off; MFA is on by default.
        if (fields.TryGetValue(PolicyFields.MfaDisabled, out var mfaDisabled) && Flag(mfaDisabled))
        {
            found.Add((WideningKind.CheckDisabled, $"{how} {name} policy with {PolicyFields.MfaDisabled}: true"));
        }
    }

    /// <summary>The canonical fields a reusable policy of the account will have after the plan, when the plan creates or updates it.</summary>
    private static ImmutableSortedDictionary<string, string>? ReusableAfter(Plan plan, Scope account, string name) =>
        plan.Reusable.FirstOrDefault(r => r.Account == account && r.Name == name)?.Change switch
        {
            CreatePolicy create => FieldsOf(create.Desired),
            UpdatePolicy update => FieldsOf(update.Desired),
            _ => null,
        };

    private static void Updated(UpdatePolicy update, List<(WideningKind, string)> found, IReadOnlyDictionary<string, string> names)
    {
        var fields = update.Fields.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var desired = FieldsOf(update.Desired);
        var after = WireNames.Of(update.Desired.Decision);
        var isDeny = update.Desired.Decision == Decision.Deny;
        var wasDeny = fields.TryGetValue(PolicyFields.Decision, out var decision) ? Text(decision.Before) == "deny" : isDeny;

        if (decision is not null)
        {
            var before = Text(decision.Before) ?? string.Empty;
            if (NoIdentityDecisions.Contains(after))
            {
                found.Add((WideningKind.NoIdentity, $"decision {before} → {after}: {What(after)}"));
            }
            else if (wasDeny)
            {
                found.Add((WideningKind.DenyNarrowed, $"decision deny → {after}: it no longer blocks"));
            }
        }

        if (!isDeny && wasDeny && Items(desired.GetValueOrDefault(PolicyFields.Include)).Any(IsEveryone))
        {
            found.Add((WideningKind.Everyone, "it includes everyone, and now lets them in"));
        }

        // The same kind of decision, other rules: an allowing policy (allow, bypass, non_identity) that matches more
        // lets more in; a deny policy that matches less blocks less. A change to or from deny is judged above.
        if (decision is null || (!wasDeny && !isDeny))
        {
            var rulesBefore = RulesBefore(update, fields);
            var rulesAfter = RuleSets.Of(update.Desired.Include, update.Desired.Exclude, update.Desired.Require);
            foreach (var growth in isDeny ? RuleSetGrowth.Of(rulesAfter, rulesBefore) : RuleSetGrowth.Of(rulesBefore, rulesAfter))
            {
                found.Add(isDeny ? (WideningKind.DenyNarrowed, DescribeBackwards(growth, names)) : Allowing(growth, names));
            }
        }

        foreach (var path in PolicyFields.DisplayOrder.Where(PolicyFields.Durations.Contains))
        {
            if (fields.TryGetValue(path, out var duration)
                && GoDuration.TryParse(Text(duration.Before), out var was)
                && GoDuration.TryParse(Text(duration.After), out var now)
                && now > was)
            {
                found.Add((WideningKind.LongerSession, $"{path} {GoDuration.Format(was)} → {GoDuration.Format(now)}"));
            }
        }

        foreach (var (path, onMeansChecked) in Checks)
        {
            if (fields.TryGetValue(path, out var check) && Flag(check.Before) == onMeansChecked && Flag(check.After) != onMeansChecked)
            {
                found.Add((WideningKind.CheckDisabled, $"{path} {Bool(check.Before)} → {Bool(check.After)}"));
            }
        }
    }

    /// <summary>The rules the policy had: those the update changes, from the plan's record of them; the others as they will be.</summary>
    private static RuleSets RulesBefore(UpdatePolicy update, Dictionary<string, FieldChange> fields)
    {
        ImmutableArray<Rule> Before(string path, ImmutableArray<Rule>? after)
        {
            if (!fields.TryGetValue(path, out var change))
            {
                return after ?? [];
            }

            using var document = JsonDocument.Parse(change.Before);
            return RuleWire.ReadList(document.RootElement);
        }

        return new RuleSets(Before(PolicyFields.Include, update.Desired.Include), Before(PolicyFields.Exclude, update.Desired.Exclude), Before(PolicyFields.Require, update.Desired.Require));
    }

    /// <summary>How an allowing policy's growth widens access: everyone included is its own kind, as it lets anyone in.</summary>
    private static (WideningKind, string) Allowing(RuleGrowth growth, IReadOnlyDictionary<string, string> names) => growth switch
    {
        { List: "include", Rule: EveryoneRule } => (WideningKind.Everyone, "include now has everyone"),
        { List: "include" } => (WideningKind.IncludeWidened, Describe(growth, names)),
        _ => (WideningKind.RuleRemoved, Describe(growth, names)),
    };

    /// <summary>A change that lets a policy match more, as a reviewer reads it: <c>include gains group: SRE</c>.</summary>
    private static string Describe(RuleGrowth growth, IReadOnlyDictionary<string, string> names) => growth.Kind switch
    {
        GrowthKind.Gains => $"{growth.List} gains {Text(growth.Rule, names)}",
        GrowthKind.Loses => $"{growth.List} loses {Text(growth.Rule, names)}",
        GrowthKind.Widens => $"{growth.List} widens {Text(growth.Was!, names)} → {Text(growth.Rule, names)}",
        _ => $"{growth.List} narrows {Text(growth.Was!, names)} → {Text(growth.Rule, names)}",
    };

    /// <summary>
    /// A growth found from the new rules to the old (what the old matched that the new does not), told from the old
    /// to the new: a rule the old had that the new lacks is one the list loses.
    /// </summary>
    private static string DescribeBackwards(RuleGrowth growth, IReadOnlyDictionary<string, string> names) => growth.Kind switch
    {
        GrowthKind.Gains => $"{growth.List} loses {Text(growth.Rule, names)}",
        GrowthKind.Loses => $"{growth.List} gains {Text(growth.Rule, names)}",
        GrowthKind.Widens => $"{growth.List} narrows {Text(growth.Rule, names)} → {Text(growth.Was!, names)}",
        _ => $"{growth.List} widens {Text(growth.Rule, names)} → {Text(growth.Was!, names)}",
    };

    private static string Text(Rule rule, IReadOnlyDictionary<string, string> names) => RuleText.Of(RuleWire.CanonicalNode(rule), names);

    /// <summary>A desired policy's canonical fields: the one place this reading takes them from.</summary>
    private static ImmutableSortedDictionary<string, string> FieldsOf(DesiredPolicy desired) => PolicyDiff.CanonicalFields(desired);

    private static string What(string decision) => decision == "bypass"
        ? "requests skip Access entirely"
        : "requests get in without a user identity";

    private static bool IsEveryone(JsonNode? rule) => rule is JsonObject o && o.ContainsKey("everyone");

    private static IEnumerable<JsonNode?> Items(string? canonical) =>
        canonical is not null && JsonNode.Parse(canonical) is JsonArray list ? list : [];

    private static string? Text(string canonical) =>
        JsonNode.Parse(canonical) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string Bool(string canonical) => Flag(canonical) ? "true" : "false";

    private static bool Flag(string canonical) => JsonNode.Parse(canonical) is JsonValue v && v.GetValueKind() == JsonValueKind.True;
}
