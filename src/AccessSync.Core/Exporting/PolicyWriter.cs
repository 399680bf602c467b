using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Normalization;

namespace AccessSync.Core.Exporting;

/// <summary>
/// One live policy as a file's policy: every managed field that holds more than the API's default (a false flag,
/// an empty list or text), in <see cref="PolicyFields.DisplayOrder"/>, rules by <see cref="RuleWriter"/>. Fields
/// AccessSync does not manage are left out: they stay as they are live.
/// <para>
/// A setting the root config's defaults would fill in a policy that leaves it out is written as it is live, so the
/// default does not replace it. "Off" and "empty" can be written; "no duration" cannot, so a policy without a
/// duration that a default would give one is a problem, never a silent change.
/// </para>
/// </summary>
internal sealed class PolicyWriter(RuleWriter rules, PolicySettings defaults)
{
    /// <summary>The policy, or null with the reason in <paramref name="problem"/> when no file can say what is live.</summary>
    public JsonObject? Write(LivePolicy policy, int? precedence, out string? problem)
    {
        var values = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var path in PolicyFields.DisplayOrder)
        {
            if (JsonPath.Get(policy.Raw, path) is { } value && Written(path, value) is { } node)
            {
                values[path] = node;
            }
        }

        // The schema needs an include; an empty one (which matches no one) is written, and the check reports it.
        values.TryAdd(PolicyFields.Include, new JsonArray());

        var setByPolicy = values.Keys.Select(TopLevel).ToHashSet(StringComparer.Ordinal);
        var filledByDefaults = DefaultedPaths(defaults).Where(p => !setByPolicy.Contains(TopLevel(p))).ToList();
        if (filledByDefaults.FirstOrDefault(PolicyFields.Durations.Contains) is { } duration)
        {
            problem = $"policy `{policy.Name}` has no {duration} live, and the defaults of accesssync.yaml would give it one; "
                + $"a file cannot say \"no duration\", so remove `defaults.{duration}` or export into a folder without those defaults";
            return null;
        }

        foreach (var path in filledByDefaults)
        {
            values[path] = Absent(path);
        }

        var written = new JsonObject();
        foreach (var path in PolicyFields.DisplayOrder.Where(values.ContainsKey))
        {
            JsonPath.Set(written, path, values[path]);
            if (path == PolicyFields.Decision && precedence is { } explicitPrecedence)
            {
                written[PolicyFields.Precedence] = explicitPrecedence;
            }
        }

        if (written["connection_rules"]?["ssh"] is JsonObject ssh && ssh["usernames"] is null)
        {
            // The file's ssh needs usernames; an empty list is the API's default, so it says the same.
            ssh.Insert(0, "usernames", new JsonArray());
        }

        problem = null;
        return written;
    }

    private static string TopLevel(string path) => path.Split('.')[0];

    private JsonNode? Written(string path, JsonElement value)
    {
        if (PolicyFields.RuleLists.Contains(path))
        {
            return value.ValueKind == JsonValueKind.Array && (path == PolicyFields.Include || value.GetArrayLength() > 0) ? rules.Rules(value) : null;
        }

        if (PolicyFields.Flags.Contains(path))
        {
            return value.ValueKind == JsonValueKind.True ? true : null;
        }

        if (PolicyFields.StringSets.Contains(path) || path == PolicyFields.ApprovalGroups)
        {
            return value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0
                ? new JsonArray([.. value.EnumerateArray().Select(i => path == PolicyFields.ApprovalGroups ? ApprovalGroup(i) : JsonNode.Parse(i.GetRawText()))])
                : null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String when value.GetString() is { Length: > 0 } text => text,
            JsonValueKind.String => null,
            _ => JsonNode.Parse(value.GetRawText()),
        };
    }

    /// <summary>The fields the plan compares (see <see cref="Normalizer"/>), in the schema's shape.</summary>
    private static JsonNode? ApprovalGroup(JsonElement group)
    {
        if (group.ValueKind != JsonValueKind.Object)
        {
            return JsonNode.Parse(group.GetRawText());
        }

        var written = new JsonObject
        {
            ["approvals_needed"] = group.TryGetProperty("approvals_needed", out var n) && n.ValueKind == JsonValueKind.Number ? JsonNode.Parse(n.GetRawText()) : 0,
        };
        if (group.TryGetProperty("email_addresses", out var emails) && emails.ValueKind == JsonValueKind.Array && emails.GetArrayLength() > 0)
        {
            written["email_addresses"] = JsonNode.Parse(emails.GetRawText());
        }

        if (group.TryGetProperty("email_list_uuid", out var list) && list.ValueKind == JsonValueKind.String && list.GetString() is { Length: > 0 } uuid)
        {
            written["email_list_uuid"] = uuid;
        }

        return written;
    }

    /// <summary>The API's default of a managed setting, written out.</summary>
    private static JsonNode Absent(string path) =>
        PolicyFields.Flags.Contains(path) ? false
        : path == PolicyFields.PurposeJustificationPrompt ? string.Empty
        : new JsonArray();

    /// <summary>The managed paths the defaults set.</summary>
    private static IEnumerable<string> DefaultedPaths(PolicySettings d)
    {
        var set = new (string Path, bool IsSet)[]
        {
            (PolicyFields.SessionDuration, d.SessionDuration is not null),
            (PolicyFields.ApprovalRequired, d.ApprovalRequired is not null),
            (PolicyFields.ApprovalGroups, d.ApprovalGroups is not null),
            (PolicyFields.IsolationRequired, d.IsolationRequired is not null),
            (PolicyFields.PurposeJustificationRequired, d.PurposeJustificationRequired is not null),
            (PolicyFields.PurposeJustificationPrompt, d.PurposeJustificationPrompt is not null),
            (PolicyFields.MfaAllowedAuthenticators, d.MfaConfig?.AllowedAuthenticators is not null),
            (PolicyFields.MfaDisabled, d.MfaConfig?.MfaDisabled is not null),
            (PolicyFields.MfaSessionDuration, d.MfaConfig?.SessionDuration is not null),
            (PolicyFields.RdpLocalToRemote, d.ConnectionRules?.Rdp?.AllowedClipboardLocalToRemoteFormats is not null),
            (PolicyFields.RdpRemoteToLocal, d.ConnectionRules?.Rdp?.AllowedClipboardRemoteToLocalFormats is not null),
            (PolicyFields.SshUsernames, d.ConnectionRules?.Ssh is not null),
            (PolicyFields.SshAllowEmailAlias, d.ConnectionRules?.Ssh?.AllowEmailAlias is not null),
        };
        return set.Where(s => s.IsSet).Select(s => s.Path);
    }
}
