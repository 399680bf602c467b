using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Live;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Tests.Support;

/// <summary>
/// A live scope made up from a seed: every rule kind of the API in every shape the API returns, every policy
/// field, fields AccessSync has never heard of, names YAML would misread unquoted, names shared by several
/// groups (so only their ids tell them apart), and precedences with gaps and reusable policies between them.
/// Reusable policies are attached to one application or several, or to none; some applications have reusable
/// policies only, among them ones named as AccessSync names the policies it makes for such an application.
/// </summary>
internal sealed class RandomEstate(int seed)
{
    public static readonly ImmutableArray<string> RuleKinds =
    [
        "email", "email_domain", "email_list", "everyone", "group", "ip", "ip_list", "geo", "service_token", "any_valid_service_token",
        "certificate", "common_name", "login_method", "auth_method", "device_posture", "external_evaluation", "azureAD",
        "github-organization", "gsuite", "okta", "saml", "oidc", "auth_context", "linked_app_token", "user_risk_score",
        "cloudflare_account_member",
    ];

    /// <summary>Texts that YAML reads as something else, or that need quotes or escapes, beside ordinary ones.</summary>
    private static readonly string[] TrickyTexts =
    [
        "true", "No", "null", "~", "42", "0x1F", "1e3", ".inf", "- dash", "#hash", "key: value", "[list]", "{map}", "@at", "`tick",
        "quote \" and ' marks", " padded ", "tab\there", "line\nbreak", "Café ünïcode", "日本語", "*star", "&amp", "!bang", "%percent", "a, b",
    ];

    private static readonly string[] Countries = ["US", "GB", "NO", "ON", "DE", "gb", " fr "];

    private static readonly string[] AuthMethods = ["face", "fpt", "hwk", "mfa", "otp", "pwd", "sms", "swk", "user"];

    private static readonly string[] RiskScores = ["low", "medium", "high", "unscored"];

    private static readonly string[] Authenticators = ["totp", "biometrics", "security_key", "piv_key", "ssh_fido2_key"];

    private readonly Random random = new(seed);
    private int counter;

    public LiveScope Scope(int applications = 6)
    {
        var groups = Objects("group", 6, shareNames: true);
        var tokens = Objects("token", 3, shareNames: true);
        var providers = Objects("idp", 3, shareNames: false);
        var reusable = new List<LivePolicy>();
        for (var i = random.Next(2, 5); i > 0; i--)
        {
            reusable.Add(Policy(ReusableName(reusable, Text("Reusable")), 0, groups, tokens, providers, reusable: true));
        }

        var apps = new List<LiveApplication>();
        for (var i = 0; i < applications; i++)
        {
            apps.Add(Application(apps, groups, tokens, providers, reusable));
        }

        return new LiveScope(Some.Account, [.. apps], [.. reusable], groups, tokens, providers);
    }

    private ImmutableArray<NamedObject> Objects(string what, int count, bool shareNames)
    {
        var objects = new List<NamedObject>();
        for (var i = 0; i < count; i++)
        {
            var name = shareNames && i > 0 && random.Next(3) == 0 ? objects[random.Next(objects.Count)].Name
                : random.Next(4) == 0 ? Uuid()
                : random.Next(3) == 0 ? objects.LastOrDefault()?.Name.ToUpperInvariant() ?? Text(what)
                : Text(what);
            objects.Add(new NamedObject(Uuid(), name));
        }

        return [.. objects];
    }

    /// <summary>
    /// An application whose policies are its own with the account's reusable policies between them, or (one in
    /// four) reusable policies only: shared ones, and ones named as AccessSync names those it makes for an
    /// application without policies of its own, attached to it alone. The latter are added to <paramref name="reusable"/>.
    /// </summary>
    private LiveApplication Application(List<LiveApplication> existing, ImmutableArray<NamedObject> groups, ImmutableArray<NamedObject> tokens, ImmutableArray<NamedObject> providers, List<LivePolicy> reusable)
    {
        var id = Uuid();
        var name = existing.Count > 0 && random.Next(4) == 0 ? existing[random.Next(existing.Count)].Name : Text("App");
        var domain = existing.Count > 0 && random.Next(5) == 0 ? existing[random.Next(existing.Count)].Domain : $"app{++counter}.example.com";
        var reusableOnly = random.Next(4) == 0;
        var precedence = 0;
        var policies = new List<LivePolicy>();
        var count = random.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            precedence += random.Next(5) == 0 ? random.Next(2, 5) : 1;
            var policyName = $"{Text("Policy")} {i}";
            if (reusableOnly || random.Next(6) == 0)
            {
                var shared = reusable.Where(r => policies.All(p => p.Id != r.Id)).ToList();
                LivePolicy attached;
                if (shared.Count == 0 || random.Next(reusableOnly ? 2 : 4) == 0)
                {
                    attached = Policy(ReusableName(reusable, ReusablePlan.OwnedName(name, policyName)), 0, groups, tokens, providers, reusable: true);
                    reusable.Add(attached);
                }
                else
                {
                    attached = shared[random.Next(shared.Count)];
                }

                policies.Add(Some.Attached(attached, precedence));
                continue;
            }

            policies.Add(Policy(policyName, precedence, groups, tokens, providers, reusable: false));
        }

        var raw = JsonSerializer.SerializeToElement(new { id, name, domain, type = "self_hosted", policies = policies.Select(p => p.Raw).ToArray() });
        return new LiveApplication(Some.Account, id, name, domain, [.. policies], raw);
    }

    /// <summary>
    /// <paramref name="wanted"/>, or made unlike the others when one of them has it in some letter case: Cloudflare
    /// allows that, but files cannot tell such reusable policies apart (the exporter's tests cover it on its own).
    /// </summary>
    private static string ReusableName(List<LivePolicy> reusable, string wanted)
    {
        var name = wanted;
        for (var n = 2; reusable.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)); n++)
        {
            name = $"{wanted} ({n})";
        }

        return name;
    }

    private LivePolicy Policy(string name, int precedence, ImmutableArray<NamedObject> groups, ImmutableArray<NamedObject> tokens, ImmutableArray<NamedObject> providers, bool reusable)
    {
        var policy = new JsonObject
        {
            ["id"] = Uuid(),
            ["name"] = name,
            ["decision"] = Pick("allow", "deny", "non_identity", "bypass"),
            ["include"] = Rules(1, groups, tokens, providers),
            ["exclude"] = Rules(0, groups, tokens, providers),
            ["require"] = Rules(0, groups, tokens, providers),
            ["precedence"] = precedence,
            ["created_at"] = "2026-01-01T00:00:00Z",
            ["updated_at"] = "2026-02-01T00:00:00Z",
        };
        Maybe(policy, "session_duration", () => Pick("24h", "30m", "1h30m", "90s", "0.5h", "720h"));
        Maybe(policy, "approval_required", () => random.Next(2) == 0);
        Maybe(policy, "approval_groups", () => new JsonArray([.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => ApprovalGroup())]));
        Maybe(policy, "isolation_required", () => random.Next(2) == 0);
        Maybe(policy, "purpose_justification_required", () => random.Next(2) == 0);
        Maybe(policy, "purpose_justification_prompt", () => random.Next(3) == 0 ? string.Empty : Text("Why"));
        Maybe(policy, "mfa_config", () => Object(
            ("allowed_authenticators", () => Subset(Authenticators, allowEmpty: true)),
            ("mfa_disabled", () => random.Next(2) == 0),
            ("session_duration", () => Pick("1h", "12h", "15m"))));
        Maybe(policy, "connection_rules", () => Object(
            ("rdp", () => Object(
                ("allowed_clipboard_local_to_remote_formats", () => Subset(["text", "file"], allowEmpty: true)),
                ("allowed_clipboard_remote_to_local_formats", () => Subset(["text", "file"], allowEmpty: true)))),
            ("ssh", () => Object(
                ("usernames", () => new JsonArray([.. Enumerable.Range(0, random.Next(0, 3)).Select(i => (JsonNode)$"{Pick("root", "ubuntu", "yes", "42")}{i}")])),
                ("allow_email_alias", () => random.Next(2) == 0)))));
        Maybe(policy, "x_future_field", () => new JsonObject { ["nested"] = new JsonArray(1, "two") });
        Maybe(policy, "reusable", () => reusable);
        return LivePolicy.FromJson(JsonSerializer.SerializeToElement(policy), reusable);
    }

    private JsonArray Rules(int min, ImmutableArray<NamedObject> groups, ImmutableArray<NamedObject> tokens, ImmutableArray<NamedObject> providers) =>
        [.. Enumerable.Range(0, random.Next(min, 5)).Select(_ => Rule(RuleKinds[random.Next(RuleKinds.Length)], groups, tokens, providers))];

    /// <summary>One rule of <paramref name="kind"/>, with values the schema accepts (or that the plan compares as such).</summary>
    public JsonObject Rule(string kind, ImmutableArray<NamedObject> groups, ImmutableArray<NamedObject> tokens, ImmutableArray<NamedObject> providers)
    {
        JsonNode body = kind switch
        {
            "email" => new JsonObject { ["email"] = $"{Pick("ada", "Bob.Smith", "yes", "o'neil")}@{Pick("example.com", "Example.ORG")}" },
            "email_domain" => new JsonObject { ["domain"] = Pick("example.com", "partner.example.net", "Example.ORG") },
            "email_list" => new JsonObject { ["id"] = Pick(Uuid(), "list-1", "true") },
            "everyone" or "any_valid_service_token" or "certificate" => new JsonObject(),
            "group" => new JsonObject { ["id"] = Id(groups) },
            "ip" => new JsonObject { ["ip"] = Pick("10.0.0.0/8", "192.0.2.1", "192.0.2.1/32", "2001:db8::/48", "2001:DB8:0::1") },
            "ip_list" => new JsonObject { ["id"] = Pick(Uuid(), "office ips") },
            "geo" => new JsonObject { ["country_code"] = Pick(Countries) },
            "service_token" => new JsonObject { ["token_id"] = Id(tokens) },
            "common_name" => new JsonObject { ["common_name"] = Pick("deploy.example.com", "No", "robot: 1") },
            "login_method" => new JsonObject { ["id"] = Id(providers) },
            "auth_method" => new JsonObject { ["auth_method"] = Pick(AuthMethods) },
            "device_posture" => new JsonObject { ["integration_uid"] = Pick(Uuid(), "posture-1", "off") },
            "external_evaluation" => new JsonObject { ["evaluate_url"] = "https://risk.example.com/evaluate", ["keys_url"] = "https://risk.example.com/keys" },
            "azureAD" => new JsonObject { ["id"] = Uuid(), ["identity_provider_id"] = Id(providers) },
            "github-organization" => random.Next(2) == 0
                ? new JsonObject { ["name"] = "example-org", ["identity_provider_id"] = Id(providers) }
                : new JsonObject { ["name"] = "example-org", ["identity_provider_id"] = Id(providers), ["team"] = Pick("SRE", "null") },
            "gsuite" => new JsonObject { ["email"] = "Admins@Example.com", ["identity_provider_id"] = Id(providers) },
            "okta" => new JsonObject { ["name"] = Pick("Engineering", "yes"), ["identity_provider_id"] = Id(providers) },
            "saml" => new JsonObject { ["attribute_name"] = "group", ["attribute_value"] = Pick("admins", "42"), ["identity_provider_id"] = Id(providers) },
            "oidc" => new JsonObject { ["claim_name"] = "groups", ["claim_value"] = Pick("admins", "true"), ["identity_provider_id"] = Id(providers) },
            "auth_context" => new JsonObject { ["id"] = "c1", ["ac_id"] = "c1", ["identity_provider_id"] = Id(providers) },
            "linked_app_token" => new JsonObject { ["app_uid"] = Uuid() },
            "user_risk_score" => new JsonObject { ["user_risk_score"] = Subset(RiskScores, allowEmpty: false) },
            "cloudflare_account_member" => random.Next(2) == 0 ? new JsonObject() : new JsonObject { ["account_id"] = "0123456789abcdef0123456789abcdef" },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return new JsonObject { [kind] = body };
    }

    private JsonObject ApprovalGroup()
    {
        var group = new JsonObject { ["approvals_needed"] = random.Next(0, 3) };
        Maybe(group, "email_addresses", () => new JsonArray([.. Enumerable.Range(0, random.Next(0, 3)).Select(i => (JsonNode)$"approver{i}@Example.com")]));
        Maybe(group, "email_list_uuid", () => Uuid());
        return group;
    }

    private JsonObject Object(params (string Key, Func<JsonNode> Value)[] fields)
    {
        var o = new JsonObject();
        foreach (var (key, value) in fields)
        {
            Maybe(o, key, value);
        }

        return o;
    }

    /// <summary>Sets the field one time in two, and to null one time in ten: the API leaves fields out, or sends them null.</summary>
    private void Maybe(JsonObject o, string key, Func<JsonNode> value)
    {
        switch (random.Next(10))
        {
            case < 5:
                o[key] = value();
                break;
            case 5:
                o[key] = null;
                break;
        }
    }

    private JsonArray Subset(string[] items, bool allowEmpty)
    {
        var chosen = items.Where(_ => random.Next(2) == 0).ToList();
        if (chosen.Count == 0 && !allowEmpty)
        {
            chosen.Add(items[random.Next(items.Length)]);
        }

        return [.. chosen.Select(c => (JsonNode)c)];
    }

    private string Text(string prefix) => random.Next(3) == 0 ? TrickyTexts[random.Next(TrickyTexts.Length)] : $"{prefix} {++counter}";

    private string Id(ImmutableArray<NamedObject> objects) =>
        objects.Length == 0 || random.Next(6) == 0 ? Uuid() : objects[random.Next(objects.Length)].Id;

    private string Pick(params string[] choices) => choices[random.Next(choices.Length)];

    private string Uuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }
}
