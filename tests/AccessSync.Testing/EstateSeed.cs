using System.Text.Json.Nodes;

namespace AccessSync.Testing;

/// <summary>
/// Builds emulator seeds of any size in the seed format: apps with app-scoped policies (and a link to a reusable
/// policy each when there are any), reusable policies, groups, service tokens and identity providers. Ids are
/// deterministic, so a test can name them. Shared by the tests and bench/AccessSync.Bench.
/// </summary>
public sealed record EstateSeed(int Apps = 0, int PoliciesPerApp = 0, int ReusablePolicies = 0, int Groups = 0, int ServiceTokens = 0, int IdentityProviders = 0)
{
    public const string AccountId = "0123456789abcdef0123456789abcdef";
    public const string ZoneId = "fedcba9876543210fedcba9876543210";

    public static string AppId(int i) => Uuid(1, i);

    public static string PolicyId(int app, int policy) => Uuid(2, (app * 1000) + policy);

    public static string ReusableId(int i) => Uuid(3, i);

    public static string GroupId(int i) => Uuid(4, i);

    /// <summary>The whole seed, with this estate in the account and/or the zone.</summary>
    public JsonObject Build(bool inAccount = true, bool inZone = false)
    {
        var seed = new JsonObject();
        if (inAccount)
        {
            seed["accounts"] = new JsonObject { [AccountId] = Scope(withReusable: true) };
        }

        if (inZone)
        {
            seed["zones"] = new JsonObject { [ZoneId] = Scope(withReusable: false) };
        }

        return seed;
    }

    private JsonObject Scope(bool withReusable)
    {
        var scope = new JsonObject
        {
            ["apps"] = Array(Apps, a => App(a, withReusable)),
            ["groups"] = Array(Groups, g => new JsonObject
            {
                ["id"] = GroupId(g),
                ["name"] = $"Group {g}",
                ["include"] = new JsonArray(new JsonObject { ["email_domain"] = new JsonObject { ["domain"] = $"team{g}.example.com" } }),
            }),
            ["service_tokens"] = Array(ServiceTokens, t => new JsonObject
            {
                ["id"] = Uuid(5, t),
                ["name"] = $"Token {t}",
                ["client_id"] = $"{t:D8}.access",
                ["duration"] = "8760h",
            }),
            ["identity_providers"] = Array(IdentityProviders, i => new JsonObject
            {
                ["id"] = Uuid(6, i),
                ["name"] = $"IdP {i}",
                ["type"] = "okta",
                ["config"] = new JsonObject(),
            }),
        };
        if (withReusable)
        {
            scope["reusable_policies"] = Array(ReusablePolicies, r => Policy(ReusableId(r), $"Reusable {r}", null, Country(r)));
        }

        return scope;
    }

    private JsonObject App(int a, bool withReusable)
    {
        var policies = Array(PoliciesPerApp, p => Policy(PolicyId(a, p), $"Policy {p}", p + 1, Country(p)));
        if (withReusable && ReusablePolicies > 0)
        {
            policies.Add(new JsonObject { ["id"] = ReusableId(a % ReusablePolicies), ["precedence"] = PoliciesPerApp + 1 });
        }

        return new JsonObject
        {
            ["id"] = AppId(a),
            ["name"] = $"App {a}",
            ["domain"] = $"app{a}.example.com",
            ["type"] = "self_hosted",
            ["session_duration"] = "24h",
            ["policies"] = policies,
        };
    }

    /// <summary>
    /// The country policy number <paramref name="p"/> requires: each of an application's first policies differs from the
    /// others, as in a real estate, so none is the very same policy as one before it (which validate would warn of).
    /// </summary>
    public static string Country(int p) => Countries[p % Countries.Length];

    private static readonly string[] Countries = ["US", "GB", "DE", "FR", "JP", "CA", "AU", "NL"];

    private JsonObject Policy(string id, string name, int? precedence, string country)
    {
        var policy = new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["decision"] = "allow",
            ["include"] = new JsonArray(
                new JsonObject { ["group"] = new JsonObject { ["id"] = GroupId(0) } },
                new JsonObject { ["email_domain"] = new JsonObject { ["domain"] = "example.com" } }),
            ["exclude"] = new JsonArray(),
            ["require"] = new JsonArray(new JsonObject { ["geo"] = new JsonObject { ["country_code"] = country } }),
            ["session_duration"] = "8h",
        };
        if (precedence is { } p)
        {
            policy["precedence"] = p;
        }

        return policy;
    }

    private static JsonArray Array(int count, Func<int, JsonObject> item) => new([.. Enumerable.Range(0, count).Select(i => (JsonNode)item(i))]);

    private static string Uuid(int kind, int n) => $"{kind:D8}-0000-4000-8000-{n:D12}";
}
