using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Json;
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
    /// <remarks>Loops rather than LINQ over the fields (structs): such LINQ is compiled on first use in every run.</remarks>
    public static ImmutableSortedDictionary<string, string> ManagedFields(DesiredPolicy policy)
    {
        var fields = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var field in ManagedJson(policy))
        {
            fields[field.Path] = field.Text;
        }

        return fields.ToImmutable();
    }

    /// <summary>Each managed path of <paramref name="policy"/> to its value, as a write sends it; a path it does not manage is absent.</summary>
    public static IReadOnlyList<KeyValuePair<string, JsonNode>> ManagedValues(DesiredPolicy policy)
    {
        var values = new List<KeyValuePair<string, JsonNode>>();
        foreach (var field in ManagedJson(policy))
        {
            values.Add(KeyValuePair.Create(field.Path, JsonNode.Parse(field.Json.Span)!));
        }

        return values;
    }

    /// <summary>
    /// Each managed path of <paramref name="policy"/> and its value's JSON, in the order a write sends them: the one
    /// place the policy's wire form is written. A field's bytes are good until the next is asked for (one buffer
    /// serves them all: the planner compares every policy of an estate this way).
    /// </summary>
    public static IEnumerable<ManagedJson> ManagedJson(DesiredPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var scratch = Utf8Json.Scratch.Take();
        try
        {
            foreach (var field in ManagedJson(policy, new FieldWriter(scratch)))
            {
                yield return field;
            }
        }
        finally
        {
            Utf8Json.Scratch.Give(scratch);
        }
    }

    private static IEnumerable<ManagedJson> ManagedJson(DesiredPolicy policy, FieldWriter json)
    {
        yield return json.Text(PolicyFields.Name, policy.Name);
        yield return json.Text(PolicyFields.Decision, WireNames.Of(policy.Decision));
        yield return json.Rules(PolicyFields.Include, policy.Include);
        if (policy.Exclude is { } exclude)
        {
            yield return json.Rules(PolicyFields.Exclude, exclude);
        }

        if (policy.Require is { } require)
        {
            yield return json.Rules(PolicyFields.Require, require);
        }

        var s = policy.Settings;
        if (s.SessionDuration is { } session)
        {
            yield return json.Text(PolicyFields.SessionDuration, session);
        }

        if (s.ApprovalRequired is { } approval)
        {
            yield return json.Flag(PolicyFields.ApprovalRequired, approval);
        }

        if (s.ApprovalGroups is { } groups)
        {
            yield return json.Write(PolicyFields.ApprovalGroups, writer => WriteApprovalGroups(writer, groups));
        }

        if (s.IsolationRequired is { } isolation)
        {
            yield return json.Flag(PolicyFields.IsolationRequired, isolation);
        }

        if (s.PurposeJustificationRequired is { } justification)
        {
            yield return json.Flag(PolicyFields.PurposeJustificationRequired, justification);
        }

        if (s.PurposeJustificationPrompt is { } prompt)
        {
            yield return json.Text(PolicyFields.PurposeJustificationPrompt, prompt);
        }

        if (s.MfaConfig?.AllowedAuthenticators is { } authenticators)
        {
            yield return json.List(PolicyFields.MfaAllowedAuthenticators, authenticators);
        }

        if (s.MfaConfig?.MfaDisabled is { } mfaDisabled)
        {
            yield return json.Flag(PolicyFields.MfaDisabled, mfaDisabled);
        }

        if (s.MfaConfig?.SessionDuration is { } mfaSession)
        {
            yield return json.Text(PolicyFields.MfaSessionDuration, mfaSession);
        }

        if (s.ConnectionRules?.Rdp?.AllowedClipboardLocalToRemoteFormats is { } toRemote)
        {
            yield return json.List(PolicyFields.RdpLocalToRemote, toRemote);
        }

        if (s.ConnectionRules?.Rdp?.AllowedClipboardRemoteToLocalFormats is { } toLocal)
        {
            yield return json.List(PolicyFields.RdpRemoteToLocal, toLocal);
        }

        if (s.ConnectionRules?.Ssh?.Usernames is { } usernames)
        {
            yield return json.List(PolicyFields.SshUsernames, usernames);
        }

        if (s.ConnectionRules?.Ssh?.AllowEmailAlias is { } emailAlias)
        {
            yield return json.Flag(PolicyFields.SshAllowEmailAlias, emailAlias);
        }
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

    private static void WriteList(Utf8JsonWriter writer, IEnumerable<string> items)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    private static void WriteApprovalGroups(Utf8JsonWriter writer, IEnumerable<ApprovalGroup> groups)
    {
        writer.WriteStartArray();
        foreach (var group in groups)
        {
            writer.WriteStartObject();
            writer.WriteNumber("approvals_needed", group.ApprovalsNeeded);
            if (group.EmailAddresses is { } addresses)
            {
                writer.WritePropertyName("email_addresses");
                WriteList(writer, addresses);
            }

            if (group.EmailListUuid is { } list)
            {
                writer.WriteString("email_list_uuid", list);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes one field's value at a time into the thread's one scratch buffer (see <see cref="Utf8Json.Scratch"/>).</summary>
    private sealed class FieldWriter(Utf8Json.Scratch scratch)
    {
        public Utf8Json.Scratch Scratch { get; } = scratch;

        public ManagedJson Text(string path, string value)
        {
            Begin().WriteStringValue(value);
            return End(path);
        }

        public ManagedJson Flag(string path, bool value)
        {
            Begin().WriteBooleanValue(value);
            return End(path);
        }

        public ManagedJson List(string path, IEnumerable<string> items)
        {
            WriteList(Begin(), items);
            return End(path);
        }

        public ManagedJson Rules(string path, IEnumerable<Rule> rules)
        {
            RuleWire.WriteListTo(Begin(), rules);
            return End(path);
        }

        public ManagedJson Write(string path, Action<Utf8JsonWriter> value)
        {
            value(Begin());
            return End(path);
        }

        private Utf8JsonWriter Begin() => Scratch.Begin();

        private ManagedJson End(string path) => new(path, Scratch.End());
    }

    private static ApprovalGroup ReadApprovalGroup(JsonElement group) => new(
        group.TryGetProperty("approvals_needed", out var needed) && needed.TryGetInt32(out var n) ? n : 0,
        group.TryGetProperty("email_addresses", out var addresses) && addresses.ValueKind == JsonValueKind.Array ? [.. addresses.EnumerateArray().Select(a => a.ToString())] : null,
        group.TryGetProperty("email_list_uuid", out var list) && list.ValueKind == JsonValueKind.String ? list.GetString() : null);
}
