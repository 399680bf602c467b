using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Model;
using AccessSync.Core.Normalization;
using AccessSync.Core.Planning;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Wire;

/// <summary>
/// A policy's managed fields in the API's JSON, both ways, in one place: the typed policy to the value of each
/// managed path (<see cref="PolicyFields"/>) as a write sends it, and back. A field the policy does not manage has
/// no path here, so it is neither sent nor read.
/// </summary>
public static class PolicyWire
{
    /// <summary>Each managed path of <paramref name="policy"/> to its JSON text: how the plan compares and records it.</summary>
    public static ImmutableSortedDictionary<string, string> ManagedFields(DesiredPolicy policy) =>
        ManagedValues(policy).ToImmutableSortedDictionary(f => f.Key, f => f.Value.ToJsonString(), StringComparer.Ordinal);

    /// <summary>Each managed path of <paramref name="policy"/> to its value, as a write sends it; a path it does not manage is absent.</summary>
    public static IReadOnlyList<KeyValuePair<string, JsonNode>> ManagedValues(DesiredPolicy policy)
    {
        var fields = new List<KeyValuePair<string, JsonNode>>();
        void Add(string path, JsonNode? value)
        {
            if (value is not null)
            {
                fields.Add(KeyValuePair.Create(path, value));
            }
        }

        Add(PolicyFields.Name, JsonValue.Create(policy.Name));
        Add(PolicyFields.Decision, JsonValue.Create(WireNames.Of(policy.Decision)));
        Add(PolicyFields.Include, RuleWire.WriteList(policy.Include));
        Add(PolicyFields.Exclude, policy.Exclude is { } exclude ? RuleWire.WriteList(exclude) : null);
        Add(PolicyFields.Require, policy.Require is { } require ? RuleWire.WriteList(require) : null);

        var s = policy.Settings;
        Add(PolicyFields.SessionDuration, Text(s.SessionDuration));
        Add(PolicyFields.ApprovalRequired, Flag(s.ApprovalRequired));
        Add(PolicyFields.ApprovalGroups, s.ApprovalGroups is { } groups ? new JsonArray([.. groups.Select(ApprovalGroup)]) : null);
        Add(PolicyFields.IsolationRequired, Flag(s.IsolationRequired));
        Add(PolicyFields.PurposeJustificationRequired, Flag(s.PurposeJustificationRequired));
        Add(PolicyFields.PurposeJustificationPrompt, Text(s.PurposeJustificationPrompt));
        Add(PolicyFields.MfaAllowedAuthenticators, List(s.MfaConfig?.AllowedAuthenticators));
        Add(PolicyFields.MfaDisabled, Flag(s.MfaConfig?.MfaDisabled));
        Add(PolicyFields.MfaSessionDuration, Text(s.MfaConfig?.SessionDuration));
        Add(PolicyFields.RdpLocalToRemote, List(s.ConnectionRules?.Rdp?.AllowedClipboardLocalToRemoteFormats));
        Add(PolicyFields.RdpRemoteToLocal, List(s.ConnectionRules?.Rdp?.AllowedClipboardRemoteToLocalFormats));
        Add(PolicyFields.SshUsernames, List(s.ConnectionRules?.Ssh?.Usernames));
        Add(PolicyFields.SshAllowEmailAlias, Flag(s.ConnectionRules?.Ssh?.AllowEmailAlias));
        return fields;
    }

    /// <summary>
    /// The typed policy whose managed fields are <paramref name="fields"/> (as <see cref="ManagedFields"/> writes
    /// them): how a saved plan gives back the policies it will write.
    /// </summary>
    public static DesiredPolicy ReadDesired(int precedence, string? id, IReadOnlyDictionary<string, string> fields, Diagnostics.SourceSpan span) =>
        ReadDesired(precedence, id, fields.ToDictionary(f => f.Key, f => JsonDocument.Parse(f.Value).RootElement.Clone(), StringComparer.Ordinal), span);

    /// <inheritdoc cref="ReadDesired(int, string?, IReadOnlyDictionary{string, string}, Diagnostics.SourceSpan)"/>
    public static DesiredPolicy ReadDesired(int precedence, string? id, IReadOnlyDictionary<string, JsonElement> json, Diagnostics.SourceSpan span)
    {
        JsonElement? Get(string path) => json.TryGetValue(path, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
        string? TextAt(string path) => Get(path) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;
        bool? FlagAt(string path) => Get(path) is { ValueKind: JsonValueKind.True or JsonValueKind.False } flag ? flag.GetBoolean() : null;
        ImmutableArray<string>? ListAt(string path) => Get(path) is { ValueKind: JsonValueKind.Array } list ? [.. list.EnumerateArray().Select(i => i.ToString())] : null;
        ImmutableArray<Rule>? RulesAt(string path) => Get(path) is { } rules ? RuleWire.ReadList(rules) : null;

        var mfa = (Authenticators: ListAt(PolicyFields.MfaAllowedAuthenticators), Disabled: FlagAt(PolicyFields.MfaDisabled), Session: TextAt(PolicyFields.MfaSessionDuration));
        var rdp = (ToRemote: ListAt(PolicyFields.RdpLocalToRemote), ToLocal: ListAt(PolicyFields.RdpRemoteToLocal));
        var ssh = (Usernames: ListAt(PolicyFields.SshUsernames), EmailAlias: FlagAt(PolicyFields.SshAllowEmailAlias));
        var settings = new PolicySettings(
            TextAt(PolicyFields.SessionDuration),
            FlagAt(PolicyFields.ApprovalRequired),
            Get(PolicyFields.ApprovalGroups) is { ValueKind: JsonValueKind.Array } groups ? [.. groups.EnumerateArray().Select(ReadApprovalGroup)] : null,
            FlagAt(PolicyFields.IsolationRequired),
            FlagAt(PolicyFields.PurposeJustificationRequired),
            TextAt(PolicyFields.PurposeJustificationPrompt),
            mfa is (null, null, null) ? null : new MfaConfig(mfa.Authenticators, mfa.Disabled, mfa.Session),
            rdp is (null, null) && ssh is (null, null)
                ? null
                : new ConnectionRules(
                    rdp is (null, null) ? null : new RdpConnectionRules(rdp.ToRemote, rdp.ToLocal),
                    ssh is (null, null) ? null : new SshConnectionRules(ssh.Usernames ?? [], ssh.EmailAlias)));

        return new DesiredPolicy(
            TextAt(PolicyFields.Name) ?? string.Empty,
            WireNames.ParseDecision(TextAt(PolicyFields.Decision) ?? string.Empty),
            precedence,
            id,
            RulesAt(PolicyFields.Include) ?? [],
            RulesAt(PolicyFields.Exclude),
            RulesAt(PolicyFields.Require),
            settings,
            span);
    }

    private static JsonValue? Text(string? value) => value is null ? null : JsonValue.Create(value);

    private static JsonValue? Flag(bool? value) => value is null ? null : JsonValue.Create(value.Value);

    private static JsonArray? List(ImmutableArray<string>? items) =>
        items is null ? null : new JsonArray([.. items.Value.Select(i => (JsonNode?)JsonValue.Create(i))]);

    private static JsonObject ApprovalGroup(ApprovalGroup group)
    {
        var json = new JsonObject { ["approvals_needed"] = group.ApprovalsNeeded };
        if (group.EmailAddresses is { } addresses)
        {
            json["email_addresses"] = List(addresses);
        }

        if (group.EmailListUuid is { } list)
        {
            json["email_list_uuid"] = list;
        }

        return json;
    }

    private static ApprovalGroup ReadApprovalGroup(JsonElement group) => new(
        group.TryGetProperty("approvals_needed", out var needed) && needed.TryGetInt32(out var n) ? n : 0,
        group.TryGetProperty("email_addresses", out var addresses) && addresses.ValueKind == JsonValueKind.Array ? [.. addresses.EnumerateArray().Select(a => a.ToString())] : null,
        group.TryGetProperty("email_list_uuid", out var list) && list.ValueKind == JsonValueKind.String ? list.GetString() : null);
}
