using System.Text.Json.Nodes;

namespace AccessSync.Emulator.Tests.Support;

/// <summary>Test data: ids, apps, policies and seeds in the API's shapes.</summary>
internal static class Some
{
    public const string Account = "0123456789abcdef0123456789abcdef";
    public const string Zone = "fedcba9876543210fedcba9876543210";
    public const string GroupId = "aa0a4aab-672b-4bdb-bc33-a59f1130a11f";

    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static ScopeRef AccountScope => ScopeRef.Account(Account);

    public static ScopeRef ZoneScope => ScopeRef.Zone(Zone);

    public static JsonObject Policy(string name = "Allow devs", int? precedence = null, string decision = "allow")
    {
        var policy = new JsonObject
        {
            ["name"] = name,
            ["decision"] = decision,
            ["include"] = new JsonArray(new JsonObject { ["email_domain"] = new JsonObject { ["domain"] = "example.com" } }),
            ["exclude"] = new JsonArray(),
            ["require"] = new JsonArray(),
            ["session_duration"] = "24h",
        };
        if (precedence is { } p)
        {
            policy["precedence"] = p;
        }

        return policy;
    }

    public static JsonObject App(string name = "Grafana", string domain = "grafana.example.com") => new()
    {
        ["name"] = name,
        ["domain"] = domain,
        ["type"] = "self_hosted",
        ["session_duration"] = "24h",
    };

    /// <summary>An account with one app holding one app-scoped and one reusable policy, plus groups, a token and an IdP.</summary>
    public static EmulatorSeed Seed() => EmulatorSeed.Parse($$$"""
        {
          "accounts": {
            "{{{Account}}}": {
              "apps": [
                { "id": "11111111-1111-4111-8111-111111111111", "name": "Grafana", "domain": "grafana.example.com",
                  "type": "self_hosted", "session_duration": "24h", "custom_field": {"kept": [1, 2]},
                  "policies": [
                    { "id": "22222222-2222-4222-8222-222222222222", "name": "Allow devs", "decision": "allow",
                      "include": [{"group": {"id": "{{{GroupId}}}"}}], "precedence": 1 },
                    { "id": "33333333-3333-4333-8333-333333333333", "precedence": 2 }
                  ] },
                { "id": "44444444-4444-4444-8444-444444444444", "name": "Wiki", "domain": "wiki.example.com",
                  "type": "self_hosted", "policies": [], "x-emulator": { "refuse_app_scoped_policies": true } }
              ],
              "reusable_policies": [
                { "id": "33333333-3333-4333-8333-333333333333", "name": "Block contractors", "decision": "deny",
                  "include": [{"email": {"email": "contractor@example.com"}}] },
                { "id": "55555555-5555-4555-8555-555555555555", "name": "Allow ops", "decision": "allow",
                  "include": [{"email_domain": {"domain": "ops.example.com"}}] }
              ],
              "groups": [ { "id": "{{{GroupId}}}", "name": "Developers", "include": [{"email_domain": {"domain": "example.com"}}] } ],
              "service_tokens": [ { "id": "66666666-6666-4666-8666-666666666666", "name": "CI deploy bot",
                                    "client_id": "abc.access", "client_secret": "must-never-show", "duration": "8760h" } ],
              "identity_providers": [ { "id": "77777777-7777-4777-8777-777777777777", "name": "Okta", "type": "okta", "config": {} } ]
            }
          },
          "zones": {
            "{{{Zone}}}": { "apps": [ { "id": "88888888-8888-4888-8888-888888888888", "name": "Zone app",
                                      "domain": "zone.example.com", "type": "self_hosted" } ] }
          }
        }
        """);

    public const string GrafanaId = "11111111-1111-4111-8111-111111111111";
    public const string WikiId = "44444444-4444-4444-8444-444444444444";
    public const string LegacyPolicyId = "22222222-2222-4222-8222-222222222222";
    public const string ReusableId = "33333333-3333-4333-8333-333333333333";
    public const string SpareReusableId = "55555555-5555-4555-8555-555555555555";
    public const string ZoneAppId = "88888888-8888-4888-8888-888888888888";

    public static string AccountPath(string rest) => $"/accounts/{Account}{rest}";

    public static string ZonePath(string rest) => $"/zones/{Zone}{rest}";
}
