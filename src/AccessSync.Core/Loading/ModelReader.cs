using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;
using AccessSync.Core.Yaml;
using Newtonsoft.Json.Linq;

namespace AccessSync.Core.Loading;

/// <summary>
/// Builds the model from a JSON tree that has passed the schema, so it can trust shapes and types and
/// concentrate on meaning: short forms expanded, defaults applied, places kept.
/// </summary>
internal sealed class ModelReader(string path)
{
    /// <summary>
    /// An application file. Its list holds the application's own policies and <c>use</c> entries, interleaved;
    /// each keeps its 1-based place in the whole list, since that place is its precedence.
    /// </summary>
    public ApplicationFile ReadApplication(JObject root, PolicySettings defaults)
    {
        var policies = (JArray)root["policies"]!;
        var entries = policies.Cast<JObject>().Select((entry, index) => (Entry: entry, Position: index + 1)).ToList();
        return new ApplicationFile(
            path,
            ReadAppReference((JObject)root["app"]!),
            ReadScope(root),
            (bool?)root["prune"],
            [.. entries.Where(e => !IsUse(e.Entry)).Select(e => ReadPolicy(e.Entry, defaults) with { Position = e.Position })],
            Span(policies))
        {
            Uses = [.. entries.Where(e => IsUse(e.Entry)).Select(e => ReadUse(e.Entry, e.Position))],
        };
    }

    /// <summary>A reusable-policy file: its policy gets the root config's defaults, as an application's do, and no place.</summary>
    public ReusablePolicyFile ReadReusablePolicy(JObject root, PolicySettings defaults) =>
        new(path, ReadScope(root), ReadPolicy((JObject)root["policy"]!, defaults));

    public RootConfig ReadConfig(JObject root)
    {
        var defaults = RootConfig.Default;
        var safety = root["safety"] as JObject;
        return new RootConfig(
            ReadScope(root),
            (bool?)root["prune"] ?? defaults.Prune,
            root["defaults"] is JObject d ? ReadSettings(d) : PolicySettings.None,
            new SafetyOptions(
                (decimal?)safety?["max_delete_percent"] ?? defaults.Safety.MaxDeletePercent,
                (decimal?)safety?["max_update_percent"] ?? defaults.Safety.MaxUpdatePercent,
                (int?)safety?["min_policies"] ?? defaults.Safety.MinPolicies,
                (bool?)safety?["allow_empty_apps"] ?? defaults.Safety.AllowEmptyApps),
            Strings(root["ignore"]) ?? []);
    }

    /// <summary>The scope a mapping declares; both at once is reported by the semantic checks, and yields none.</summary>
    public static Scope? ReadScope(JObject root) => (root["account_id"], root["zone_id"]) switch
    {
        ({ } account, null) => Scope.Account((string)account!),
        (null, { } zone) => Scope.Zone((string)zone!),
        _ => null,
    };

    private AppReference ReadAppReference(JObject app)
    {
        var property = app.Properties().Single();
        var kind = property.Name switch
        {
            "id" => AppReferenceKind.Id,
            "name" => AppReferenceKind.Name,
            _ => AppReferenceKind.Domain,
        };
        return new AppReference(kind, (string)property.Value!, Span(property.Value));
    }

    /// <summary>The schema lets <c>use</c> into a use entry only, so it tells the two kinds of list entry apart.</summary>
    private static bool IsUse(JObject entry) => entry.ContainsKey(ReusableUse.Key);

    private ReusableUse ReadUse(JObject entry, int position) =>
        new((string)entry[ReusableUse.Key]!, position, (int?)entry["precedence"], Span(entry[ReusableUse.Key]!))
        {
            PrecedenceSpan = entry["precedence"] is { } p ? Span(p) : null,
        };

    private PolicySpec ReadPolicy(JObject policy, PolicySettings defaults) => new(
        (string)policy["name"]!,
        WireNames.ParseDecision((string)policy["decision"]!),
        ReadRules(policy["include"])!.Value,
        ReadRules(policy["exclude"]),
        ReadRules(policy["require"]),
        ReadSettings(policy).Over(defaults),
        (string?)policy["id"],
        (int?)policy["precedence"],
        new PolicySpans(Span(policy), Span(policy["name"]!), policy["precedence"] is { } p ? Span(p) : null));

    private ImmutableArray<Rule>? ReadRules(JToken? rules) =>
        rules is JArray array ? [.. array.Cast<JObject>().Select(ReadRule)] : null;

    private Rule ReadRule(JObject rule)
    {
        var property = rule.Properties().Single();
        var kind = property.Name;
        var read = property.Value switch
        {
            JObject apiShape => RuleShortForms.FromFields(kind, [.. apiShape.Properties().Select(p => new RuleField(p.Name, ReadValue(p.Value)))]),
            // everyone: true, certificate: true, ... : the API's shape is an empty object.
            JValue { Type: JTokenType.Boolean } => RuleShortForms.FromFlag(kind),
            var value => RuleShortForms.FromValue(kind, ReadValue(value)),
        };
        return read with { Span = Span(property) };
    }

    private static RuleValue ReadValue(JToken value) =>
        value is JArray items ? RuleValue.Of(items.Select(i => (string)i!)) : RuleValue.Of((string)value!);

    private static PolicySettings ReadSettings(JObject o) => new(
        (string?)o["session_duration"],
        (bool?)o["approval_required"],
        o["approval_groups"] is JArray groups ? [.. groups.Cast<JObject>().Select(ReadApprovalGroup)] : null,
        (bool?)o["isolation_required"],
        (bool?)o["purpose_justification_required"],
        (string?)o["purpose_justification_prompt"],
        o["mfa_config"] is JObject mfa
            ? new MfaConfig(Strings(mfa["allowed_authenticators"]), (bool?)mfa["mfa_disabled"], (string?)mfa["session_duration"])
            : null,
        o["connection_rules"] is JObject rules ? ReadConnectionRules(rules) : null);

    private static ApprovalGroup ReadApprovalGroup(JObject group) => new(
        (int)group["approvals_needed"]!,
        Strings(group["email_addresses"]),
        (string?)group["email_list_uuid"]);

    private static ConnectionRules ReadConnectionRules(JObject rules) => new(
        rules["rdp"] is JObject rdp
            ? new RdpConnectionRules(Strings(rdp["allowed_clipboard_local_to_remote_formats"]), Strings(rdp["allowed_clipboard_remote_to_local_formats"]))
            : null,
        rules["ssh"] is JObject ssh
            ? new SshConnectionRules(Strings(ssh["usernames"]) ?? [], (bool?)ssh["allow_email_alias"])
            : null);

    private static ImmutableArray<string>? Strings(JToken? token) =>
        token is JArray array ? [.. array.Select(i => (string)i!)] : null;

    private SourceSpan Span(JToken token) => LocatedJson.SpanOf(token, path);
}
