using System.Collections.Frozen;

namespace AccessSync.Core.Loading;

/// <summary>
/// The short forms a file may use for common rules, and the API field each one fills:
/// <c>email: ada@example.com</c> is <c>{email: {email: ada@example.com}}</c>.
/// </summary>
internal static class RuleShortForms
{
    /// <summary>Kinds whose short form is a single value, and the API field that value goes in.</summary>
    public static readonly FrozenDictionary<string, string> ValueField = new Dictionary<string, string>
    {
        ["email"] = "email",
        ["email_domain"] = "domain",
        ["email_list"] = "id",
        ["group"] = "id",
        ["ip"] = "ip",
        ["ip_list"] = "id",
        ["geo"] = "country_code",
        ["service_token"] = "token_id",
        ["common_name"] = "common_name",
        ["login_method"] = "id",
        ["auth_method"] = "auth_method",
        ["device_posture"] = "integration_uid",
        ["linked_app_token"] = "app_uid",
        ["user_risk_score"] = "user_risk_score",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Kinds whose short form may give a name instead of an id: groups, service tokens and identity providers
    /// are resolved by name against the live account at plan time.
    /// </summary>
    public static readonly FrozenSet<string> ResolvableByName =
        new[] { "group", "service_token", "login_method" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Kinds whose API shape is an empty object, which a file may write as <c>true</c> (<c>everyone: true</c>).</summary>
    public static readonly FrozenSet<string> TrueForEmpty =
        new[] { "everyone", "any_valid_service_token", "certificate", "cloudflare_account_member" }.ToFrozenSet(StringComparer.Ordinal);
}
