using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AccessSync.Emulator.Api;

namespace AccessSync.Emulator.Store;

/// <summary>
/// What the API checks in a policy body. The spec's app-policy write schema requires nothing (a defect; see
/// API-FACTS "Consequences"), so both kinds of policy are checked as the 2024 spec and the reusable schema do:
/// name, decision and include required, every rule one known kind with its required inner keys.
/// </summary>
internal static partial class PolicyValidator
{
    public static readonly FrozenSet<string> Decisions = new[] { "allow", "deny", "non_identity", "bypass" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The 26 rule kinds of the spec's <c>access_rule</c> and the inner keys each requires.</summary>
    public static readonly FrozenDictionary<string, string[]> RuleKinds = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["email"] = ["email"],
        ["email_domain"] = ["domain"],
        ["email_list"] = ["id"],
        ["everyone"] = [],
        ["group"] = ["id"],
        ["ip"] = ["ip"],
        ["ip_list"] = ["id"],
        ["geo"] = ["country_code"],
        ["service_token"] = ["token_id"],
        ["any_valid_service_token"] = [],
        ["certificate"] = [],
        ["common_name"] = ["common_name"],
        ["login_method"] = ["id"],
        ["auth_method"] = ["auth_method"],
        ["device_posture"] = ["integration_uid"],
        ["external_evaluation"] = ["evaluate_url", "keys_url"],
        ["azureAD"] = ["id", "identity_provider_id"],
        ["github-organization"] = ["name", "identity_provider_id"],
        ["gsuite"] = ["email", "identity_provider_id"],
        ["okta"] = ["name", "identity_provider_id"],
        ["saml"] = ["attribute_name", "attribute_value", "identity_provider_id"],
        ["oidc"] = ["claim_name", "claim_value", "identity_provider_id"],
        ["auth_context"] = ["id", "ac_id", "identity_provider_id"],
        ["linked_app_token"] = ["app_uid"],
        ["user_risk_score"] = ["user_risk_score"],
        ["cloudflare_account_member"] = [],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Cloudflare's default "rules per application" (API-FACTS §5). A policy's rules all apply to its application, so
    /// one policy over the limit is over it on every application; the emulator counts per policy body (README.md, "Limits").
    /// </summary>
    public const int MaxRulesPerPolicy = 1000;

    private static readonly string[] RuleLists = ["include", "exclude", "require"];

    private static readonly FrozenSet<string> RiskScores = new[] { "low", "medium", "high", "unscored" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every problem in the body, each as a 12130 error; empty when the body is acceptable.</summary>
    public static List<ApiError> Validate(JsonObject body, string where = "")
    {
        var problems = new List<string>();
        if (body["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetValue<string>()))
        {
            problems.Add($"{where}name is required and must be a non-empty string");
        }

        if (!body.ContainsKey("decision"))
        {
            problems.Add($"{where}decision is required (allow, deny, non_identity or bypass)");
        }
        else if (body["decision"] is not JsonValue decision || decision.GetValueKind() != JsonValueKind.String || !Decisions.Contains(decision.GetValue<string>()))
        {
            problems.Add($"{where}decision {body["decision"]?.ToJsonString() ?? "null"} is not one of allow, deny, non_identity, bypass");
        }

        if (!body.ContainsKey("include"))
        {
            problems.Add($"{where}include is required: a policy needs at least one include rule");
        }

        foreach (var list in RuleLists)
        {
            if (body.TryGetPropertyValue(list, out var rules) && !(list != "include" && rules is null))
            {
                CheckRules(rules, $"{where}{list}", mustHaveOne: list == "include", problems);
            }
        }

        var ruleCount = RuleLists.Sum(list => (body[list] as JsonArray)?.Count ?? 0);
        if (ruleCount > MaxRulesPerPolicy)
        {
            problems.Add($"{where}a policy has at most {MaxRulesPerPolicy} rules (include, exclude and require together), not {ruleCount}");
        }

        if (body.TryGetPropertyValue("precedence", out var precedence) && precedence is not null && !IsInteger(precedence))
        {
            problems.Add($"{where}precedence must be an integer, not {precedence.ToJsonString()}");
        }

        if (body.TryGetPropertyValue("session_duration", out var duration) && duration is not null
            && (duration.GetValueKind() != JsonValueKind.String || !GoDuration().IsMatch(duration.GetValue<string>())))
        {
            problems.Add($"{where}session_duration {duration.ToJsonString()} is not a duration such as 300ms or 2h45m (units ns, us, µs, ms, s, m, h)");
        }

        return [.. problems.Select(p => new ApiError(ErrorCodes.AccessInvalidRequest, $"access.api.error.invalid_request: {p}"))];
    }

    public static bool IsInteger(JsonNode node) => Json.AsInt(node) is not null;

    private static void CheckRules(JsonNode? rules, string where, bool mustHaveOne, List<string> problems)
    {
        if (rules is not JsonArray array)
        {
            problems.Add($"{where} must be an array of rules");
            return;
        }

        if (mustHaveOne && array.Count == 0)
        {
            problems.Add($"{where} must have at least one rule");
        }

        for (var i = 0; i < array.Count; i++)
        {
            CheckRule(array[i], $"{where}[{i}]", problems);
        }
    }

    private static void CheckRule(JsonNode? rule, string where, List<string> problems)
    {
        if (rule is not JsonObject obj || obj.Count != 1)
        {
            problems.Add($"{where} must be an object with exactly one rule kind, such as {{\"email\": {{\"email\": \"a@example.com\"}}}}");
            return;
        }

        var (kind, inner) = obj.First();
        if (!RuleKinds.TryGetValue(kind, out var required))
        {
            problems.Add($"{where}: unknown rule kind \"{kind}\"");
            return;
        }

        if (inner is not JsonObject fields)
        {
            problems.Add($"{where}.{kind} must be an object");
            return;
        }

        foreach (var key in required)
        {
            if (!fields.TryGetPropertyValue(key, out var value) || value is null)
            {
                problems.Add($"{where}.{kind}.{key} is required");
            }
            else if (kind == "user_risk_score")
            {
                if (value is not JsonArray scores || scores.Count == 0 || scores.Any(s => s is not JsonValue sv || sv.GetValueKind() != JsonValueKind.String || !RiskScores.Contains(sv.GetValue<string>())))
                {
                    problems.Add($"{where}.{kind}.{key} must be a non-empty array of low, medium, high, unscored");
                }
            }
            else if (value.GetValueKind() != JsonValueKind.String || string.IsNullOrEmpty(value.GetValue<string>()))
            {
                problems.Add($"{where}.{kind}.{key} must be a non-empty string");
            }
        }
    }

    [GeneratedRegex(@"^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDuration();
}
