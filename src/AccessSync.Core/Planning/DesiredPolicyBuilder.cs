using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Normalization;

namespace AccessSync.Core.Planning;

/// <summary>
/// Turns a file's policies into <see cref="DesiredPolicy"/> values against one live scope: names of groups,
/// service tokens and identity providers become ids, and every problem is reported at its place in the file.
/// </summary>
internal sealed class DesiredPolicyBuilder(LiveScope live)
{
    private readonly List<Diagnostic> diagnostics = [];

    public IReadOnlyList<Diagnostic> Diagnostics => diagnostics;

    public ImmutableArray<DesiredPolicy> Build(ApplicationFile file) =>
        [.. file.Policies.Select(policy => Build(policy, policy.EffectivePrecedence))];

    /// <summary>One policy; a reusable policy, which has no precedence of its own, is built with precedence 0.</summary>
    public DesiredPolicy Build(PolicySpec spec, int precedence)
    {
        var fields = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        fields[PolicyFields.Name] = JsonValue.Create(spec.Name).ToJsonString();
        fields[PolicyFields.Decision] = JsonValue.Create(WireNames.Of(spec.Decision)).ToJsonString();
        fields[PolicyFields.Include] = Rules(spec.Include);
        Add(fields, PolicyFields.Exclude, spec.Exclude is { } exclude ? Rules(exclude) : null);
        Add(fields, PolicyFields.Require, spec.Require is { } require ? Rules(require) : null);

        var s = spec.Settings;
        Add(fields, PolicyFields.SessionDuration, Text(s.SessionDuration));
        Add(fields, PolicyFields.ApprovalRequired, Flag(s.ApprovalRequired));
        Add(fields, PolicyFields.ApprovalGroups, s.ApprovalGroups is { } groups ? new JsonArray([.. groups.Select(ApprovalGroup)]).ToJsonString() : null);
        Add(fields, PolicyFields.IsolationRequired, Flag(s.IsolationRequired));
        Add(fields, PolicyFields.PurposeJustificationRequired, Flag(s.PurposeJustificationRequired));
        Add(fields, PolicyFields.PurposeJustificationPrompt, Text(s.PurposeJustificationPrompt));
        Add(fields, PolicyFields.MfaAllowedAuthenticators, List(s.MfaConfig?.AllowedAuthenticators));
        Add(fields, PolicyFields.MfaDisabled, Flag(s.MfaConfig?.MfaDisabled));
        Add(fields, PolicyFields.MfaSessionDuration, Text(s.MfaConfig?.SessionDuration));
        Add(fields, PolicyFields.RdpLocalToRemote, List(s.ConnectionRules?.Rdp?.AllowedClipboardLocalToRemoteFormats));
        Add(fields, PolicyFields.RdpRemoteToLocal, List(s.ConnectionRules?.Rdp?.AllowedClipboardRemoteToLocalFormats));
        Add(fields, PolicyFields.SshUsernames, List(s.ConnectionRules?.Ssh?.Usernames));
        Add(fields, PolicyFields.SshAllowEmailAlias, Flag(s.ConnectionRules?.Ssh?.AllowEmailAlias));

        return new DesiredPolicy(spec.Name, spec.Decision, precedence, spec.Id, fields.ToImmutable(), spec.Spans.Policy);
    }

    private static void Add(ImmutableSortedDictionary<string, string>.Builder fields, string path, string? json)
    {
        if (json is not null)
        {
            fields[path] = json;
        }
    }

    private static string? Text(string? value) => value is null ? null : JsonValue.Create(value).ToJsonString();

    private static string? Flag(bool? value) => value is null ? null : JsonValue.Create(value.Value).ToJsonString();

    private static string? List(ImmutableArray<string>? items) =>
        items is null ? null : new JsonArray([.. items.Value.Select(i => (JsonNode?)JsonValue.Create(i))]).ToJsonString();

    private static JsonObject ApprovalGroup(ApprovalGroup group)
    {
        var json = new JsonObject { ["approvals_needed"] = group.ApprovalsNeeded };
        if (group.EmailAddresses is { } addresses)
        {
            json["email_addresses"] = new JsonArray([.. addresses.Select(a => (JsonNode?)JsonValue.Create(a))]);
        }

        if (group.EmailListUuid is { } list)
        {
            json["email_list_uuid"] = list;
        }

        return json;
    }

    private string Rules(ImmutableArray<AccessRule> rules) => new JsonArray([.. rules.Select(Rule)]).ToJsonString();

    private JsonObject Rule(AccessRule rule)
    {
        var fields = new JsonObject();
        foreach (var (name, value) in Resolve(rule))
        {
            fields[name] = value switch
            {
                TextRuleValue text => JsonValue.Create(text.Text),
                ListRuleValue list => new JsonArray([.. list.Items.Select(i => (JsonNode?)JsonValue.Create(i))]),
                _ => throw new ArgumentOutOfRangeException(nameof(rule), value, "an unknown kind of rule value"),
            };
        }

        return new JsonObject { [rule.Kind] = fields };
    }

    /// <summary>A rule's fields, with a name in place of an id looked up in the live lists.</summary>
    private IEnumerable<KeyValuePair<string, RuleValue>> Resolve(AccessRule rule)
    {
        if (rule.ReferenceName is not { } name)
        {
            return rule.Fields;
        }

        var (candidates, what, field) = rule.Kind switch
        {
            "group" => (live.Groups, "Access group", "id"),
            "service_token" => (live.ServiceTokens, "service token", "token_id"),
            "login_method" => (live.IdentityProviders, "identity provider", "id"),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "a rule kind that takes no name"),
        };

        switch (NameLookup.Find(candidates, name, c => c.Id, c => c.Name, what))
        {
            case Lookup<NamedObject>.Found found:
                return [KeyValuePair.Create(field, RuleValue.Of(found.Value.Id))];
            case Lookup<NamedObject>.Ambiguous ambiguous:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.AmbiguousReference, ambiguous.Message, rule.Span));
                break;
            case Lookup<NamedObject>.NotFound notFound:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownReference, $"{notFound.Message} in {live.Scope}", rule.Span));
                break;
        }

        // Keep the name, so that the rest of the file is still checked; the plan is not made when there are errors.
        return [KeyValuePair.Create(field, RuleValue.Of(name))];
    }
}
