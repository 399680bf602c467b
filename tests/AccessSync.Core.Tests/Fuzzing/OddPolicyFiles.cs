using System.Globalization;
using System.Text;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Sources;
using FsCheck;
using FsCheck.Fluent;

namespace AccessSync.Core.Tests.Fuzzing;

/// <summary>
/// FsCheck generators of policy files that are valid but odd: every rule kind with extreme but legal values (names
/// near the length limit, Unicode, emoji and escapes in names, unusual CIDRs and emails, duplicate rules, every
/// decision, reusable policies, precedence with gaps, zone-scoped applications, settings at the schema's maximums,
/// counts of policies and rules near the limits), aimed at the live applications of examples/live.json so that they
/// get past validation into planning, apply and export.
/// </summary>
public static class OddPolicyFiles
{
    private static LiveState Live => FuzzPipeline.Live;

    private static Gen<FuzzCase> ApplicationFiles =>
        from scope in Gen.Elements(Live.Scopes.Where(s => !s.Applications.IsEmpty).ToArray())
        from app in Gen.Elements(scope.Applications.ToArray())
        from reference in AppReference(app)
        from size in Gen.Sized(fsCheckSize => Gen.Frequency(
            (200, Gen.Constant(Size.Usual)),
            (20, Gen.Constant(Size.Many)),
            (fsCheckSize >= NearLimitsFromSize ? 1 : 0, Gen.Constant(Size.ManyPolicies)),
            (fsCheckSize >= NearLimitsFromSize ? 2 : 0, Gen.Constant(Size.ManyRules))))
        from count in size switch
        {
            Size.Many => Gen.Choose(7, 40),
            Size.ManyPolicies => Gen.Choose(SourceLimits.MaxPoliciesPerApplication - 20, SourceLimits.MaxPoliciesPerApplication - 2),
            _ => Gen.Choose(1, 6),
        }
        from names in PolicyNames(count)
        from policies in Gen.CollectToList(names.Select((name, i) => Policy(scope, name, RuleCount(size, i))))
        from uses in Gen.SubListOf(scope.ReusablePolicies.Select(p => p.Name).ToArray())
        from renamed in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from precedence in Gen.Frequency((3, Gen.Constant<List<int>?>(null)), (1, Precedences(policies.Count + uses.Count).Select(p => (List<int>?)p)))
        from order in Gen.Shuffle(Enumerable.Range(0, policies.Count + uses.Count).ToArray())
        let entries = policies.Concat(uses.Select(u => $"use: {Quote(u)}\n")).ToList()
        let withIds = renamed ? RenameFirst(entries, app) : entries
        select new FuzzCase(
            size switch { Size.ManyPolicies => "odd-application-many-policies", Size.ManyRules => "odd-application-many-rules", _ => "odd-application" },
            $"apps/{app.Id}.yaml",
            ApplicationFile(scope, reference, [.. order.Select((at, i) => precedence is null ? withIds[at] : withIds[at] + $"precedence: {precedence[i]}\n")]));

    private static Gen<FuzzCase> ReusablePolicyFiles =>
        from scope in Gen.Elements(Live.Scopes.Where(s => s.Scope.Kind == ScopeKind.Account).ToArray())
        from name in Gen.OneOf(Gen.Elements(scope.ReusablePolicies.Select(p => p.Name).ToArray()), OddName)
        from policy in Policy(scope, name, RuleCount(Size.Usual, 0))
        select new FuzzCase("odd-reusable-policy", "reusable/odd.yaml", "policy:\n" + Indent(policy, "  "));

    /// <summary>All generators of valid-but-odd files, applications far more often than reusable policies.</summary>
    public static Gen<FuzzCase> Any => Gen.Frequency((5, ApplicationFiles), (1, ReusablePolicyFiles));

    /// <summary>
    /// The FsCheck size from which files come near the limits of policies and rules: each takes a second or more
    /// through plan, apply and export, so the test suite's short run (a smaller size) leaves them to bench/fuzz.sh.
    /// </summary>
    public const int NearLimitsFromSize = 100;

    /// <summary>How big a file is: most are small, a few have many policies, or as many policies or rules as allowed.</summary>
    private enum Size
    {
        Usual,
        Many,
        ManyPolicies,
        ManyRules,
    }

    /// <summary>Rules in a policy's include list: in a file of <see cref="Size.ManyRules"/>, its first policy comes near the limit.</summary>
    private static Gen<int> RuleCount(Size size, int policy) => size switch
    {
        Size.ManyRules when policy == 0 => Gen.Choose(SourceLimits.MaxRulesPerPolicy - 100, SourceLimits.MaxRulesPerPolicy - 10),
        Size.ManyPolicies => Gen.Constant(1),
        _ => Gen.Frequency((10, Gen.Choose(1, 5)), (1, Gen.Choose(6, 60))),
    };

    private static Gen<string> AppReference(LiveApplication app) => Gen.Elements(
        new[] { $"id: {app.Id}", $"name: {Quote(app.Name)}", $"name: {Quote(app.Name.ToUpperInvariant())}" }
            .Concat(app.Domain is { } domain ? [$"domain: {Quote(domain)}"] : [])
            .ToArray());

    private static string ApplicationFile(LiveScope scope, string reference, IEnumerable<string> entries)
    {
        var text = new StringBuilder($"app:\n  {reference}\n");
        if (scope.Scope.Kind == ScopeKind.Zone)
        {
            text.Append($"zone_id: {scope.Scope.Id}\n");
        }

        text.Append("policies:\n");
        foreach (var entry in entries)
        {
            text.Append("  - ").Append(Indent(entry, "    ").TrimStart());
        }

        return text.ToString();
    }

    /// <summary>The first policy takes the id of one of the application's own live policies: a rename.</summary>
    private static List<string> RenameFirst(List<string> entries, LiveApplication app) =>
        app.OwnPolicies.FirstOrDefault() is { } live && entries.Count > 0 && !entries[0].StartsWith("use:", StringComparison.Ordinal)
            ? [$"id: {live.Id}\n" + entries[0], .. entries.Skip(1)]
            : entries;

    /// <summary>Strictly increasing precedences with gaps, up to the schema's maximum.</summary>
    private static Gen<List<int>> Precedences(int count) =>
        from gaps in Gen.ArrayOf(Gen.Frequency((4, Gen.Choose(1, 3)), (1, Gen.Choose(4, 100_000))), count)
        from top in Gen.Elements(false, true)
        select top
            ? [.. Enumerable.Range(0, count).Select(i => 1_000_000_000 - count + 1 + i)]
            : gaps.Select((gap, i) => gaps.Take(i + 1).Sum()).ToList();

    /// <summary>Distinct names (policy names are unique within an application, whatever their letter case).</summary>
    private static Gen<List<string>> PolicyNames(int count) =>
        Gen.ArrayOf(OddName, count).Select(names => names.Select((name, i) => i == 0 ? name : $"{Cut(name, 200)} #{i}").ToList());

    /// <summary>Names a person could give a policy, and a few that only a hostile one would.</summary>
    private static Gen<string> OddName => Gen.Frequency(
        (4, Gen.Elements(
            "Allow engineering", "a", "🔥 On-call 🚒", "Zugriff für Entwickler:innen", "管理者アクセス", "גישה למפתחים", "وصول المطورين",
            "e\u0301te\u0301", "ǅungla", "İstanbul ofisi", "ß-Straße", "Ωmega", "\u00A0non-breaking\u00A0", "tab\there", "x: y # not a comment",
            "- dash", "[bracketed]", "{braced}", "*star*", "**bold** _it_ `code`", "</details><h1>x</h1>", "<!-- comment -->", "| pipe | table |",
            "@mention #123", "'single' \"double\"", "back\\slash", "100%", "~", "null", "true", "0", "1e3", "👩‍👩‍👧‍👦 family", "🏳️‍🌈",
            "\u202Eevil\u202C", "\u2066isolate\u2069", "\u200Bzero width", "line\nbreak", "carriage\rreturn", "\u001B[31mred\u001B[0m", "bell\u0007",
            "\u0085next line", "\u2028line separator")),
        (1, Gen.Choose(200, 2_000).Select(n => string.Concat(Enumerable.Repeat("Long name ", n / 10)))),
        (1, Gen.Choose(9_000, SourceLimits.MaxValueLength).Select(n => new string('N', n))),
        (1, Gen.Choose(1, 400).Select(n => string.Concat(Enumerable.Repeat("😀", n)))));

    private static Gen<string> Policy(LiveScope scope, string name, Gen<int> ruleCounts) =>
        from decision in Gen.Elements("allow", "deny", "non_identity", "bypass")
        from ruleCount in ruleCounts
        from include in Gen.ArrayOf(Rule(scope), ruleCount)
        from exclude in Gen.Frequency((2, Gen.Constant(Array.Empty<string>())), (1, Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Rule(scope), n))))
        from require in Gen.Frequency((2, Gen.Constant(Array.Empty<string>())), (1, Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Rule(scope), n))))
        from duplicated in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from settings in Gen.SubListOf(Settings)
        from settingValues in Gen.CollectToList(settings)
        select $"name: {Quote(name)}\ndecision: {decision}\n"
            + RuleList("include", duplicated ? [.. include, .. include.Take(3)] : include)
            + RuleList("exclude", exclude)
            + RuleList("require", require)
            + string.Concat(settingValues);

    private static string RuleList(string list, IReadOnlyCollection<string> rules) =>
        rules.Count == 0 ? "" : $"{list}:\n" + string.Concat(rules.Select(r => $"  - {r}\n"));

    /// <summary>Every policy setting of the schema, with legal values at or near its extremes.</summary>
    private static Gen<string>[] Settings =>
    [
        Gen.Elements("0s", "1ns", "1us", "1µs", "1ms", "8760h", "1.5h", "2h45m", "1h0m0s", "90m", "0.000001s", "24h", "1h1m1s1ms1us1ns").Select(d => $"session_duration: {d}\n"),
        Gen.Elements(true, false).Select(b => $"approval_required: {Bool(b)}\n"),
        Gen.Elements(true, false).Select(b => $"isolation_required: {Bool(b)}\n"),
        Gen.Elements(true, false).Select(b => $"purpose_justification_required: {Bool(b)}\n"),
        Gen.OneOf(OddName, Gen.Constant("")).Select(p => $"purpose_justification_prompt: {Quote(p)}\n"),
        from needed in Gen.Elements(0, 1, 999, 1000)
        from emails in Gen.SubListOf(OddEmails)
        from byList in Gen.Elements(false, true)
        select $"approval_groups:\n  - approvals_needed: {needed}\n"
            + (byList ? "    email_list_uuid: 7c6b5a49-3827-4160-9f8e-7d6c5b4a3928\n" : $"    email_addresses: [{string.Join(", ", emails.Select(Quote))}]\n")
            + "  - approvals_needed: 1000\n",
        from authenticators in Gen.SubListOf("totp", "biometrics", "security_key", "piv_key", "ssh_fido2_key")
        from disabled in Gen.Elements(true, false)
        select $"mfa_config:\n  allowed_authenticators: [{string.Join(", ", authenticators)}]\n  mfa_disabled: {Bool(disabled)}\n  session_duration: 8760h\n",
        from toRemote in Gen.SubListOf("text", "file")
        from toLocal in Gen.SubListOf("text", "file")
        from usernames in Gen.SubListOf("root", "ünïcode", "a", "very-long-" + new string('u', 200))
        from alias in Gen.Elements(true, false)
        select "connection_rules:\n"
            + $"  rdp:\n    allowed_clipboard_local_to_remote_formats: [{string.Join(", ", toRemote)}]\n    allowed_clipboard_remote_to_local_formats: [{string.Join(", ", toLocal)}]\n"
            + $"  ssh:\n    usernames: [{string.Join(", ", usernames.Select(Quote))}]\n    allow_email_alias: {Bool(alias)}\n",
    ];

    private static readonly string[] OddEmails =
    [
        "ada@example.com", "a@b.co", "first.last+tag@sub.example.co.uk", "UPPER.Case@Example.COM", "x_y-z@xn--bcher-kva.example",
        new string('l', 64) + "@example.com", "o'brien@example.ie", "user%host@example.org", "1234567890@example.com",
    ];

    private static readonly string[] OddCidrs =
    [
        "0.0.0.0/0", "::/0", "192.0.2.1", "192.0.2.1/32", "10.1.2.3/8", "255.255.255.255/32", "203.0.113.0/24", "198.51.100.7/031",
        "2001:db8::/32", "2001:DB8:0:0:0:0:0:1/128", "::1", "::ffff:192.0.2.1/128", "fe80::1/10", "2001:db8::1", "100.64.0.0/10",
    ];

    private static readonly string[] OddDomains =
    [
        "example.com", "EXAMPLE.COM", "xn--bcher-kva.example", "a.b.c.d.e.f.g.h.example", new string('d', 63) + ".example", "x1.io",
    ];

    /// <summary>One rule of any kind, in its short or its long form, with references that resolve in <paramref name="scope"/>.</summary>
    private static Gen<string> Rule(LiveScope scope) => Gen.OneOf(
        [
            Gen.Elements(OddEmails).SelectMany(e => Gen.Elements($"email: {Quote(e)}", $"email: {{email: {Quote(e)}}}")),
            Gen.Elements(OddDomains).SelectMany(d => Gen.Elements($"email_domain: {Quote(d)}", $"email_domain: {{domain: {Quote(d)}}}")),
            Gen.Elements("email_list: 7c6b5a49-3827-4160-9f8e-7d6c5b4a3928", "email_list: {id: \"list with spaces ✉\"}"),
            Gen.Elements("everyone: true", "everyone: {}"),
            Gen.Elements(OddCidrs).SelectMany(c => Gen.Elements($"ip: {Quote(c)}", $"ip: {{ip: {Quote(c)}}}")),
            Gen.Elements("ip_list: 4b2f1e0c-7d3a-4c6e-9a1b-2f3e4d5c6b7a", "ip_list: {id: x}"),
            Gen.Elements("geo: US", "geo: {country_code: GB}", "geo: AQ", "geo: {country_code: XK}"),
            Gen.Elements("any_valid_service_token: true", "any_valid_service_token: {}"),
            Gen.Elements("certificate: true", "certificate: {}"),
            Gen.OneOf(OddName, Gen.Constant("*.deploy.example.com")).SelectMany(n => Gen.Elements($"common_name: {Quote(n)}", $"common_name: {{common_name: {Quote(n)}}}")),
            Gen.Elements("fpt", "hwk", "mfa", "swk", "wia", "retina").SelectMany(m => Gen.Elements($"auth_method: {m}", $"auth_method: {{auth_method: {m}}}")),
            Gen.Elements("device_posture: 9a8b7c6d", "device_posture: {integration_uid: \"posture ✓\"}"),
            Gen.Constant("external_evaluation: {evaluate_url: \"https://eval.example.com/a?b=c&d=%20\", keys_url: \"http://keys.example.com:8080/\"}"),
            Gen.Constant("azureAD: {id: aa0a4aab-672b-4bdb-bc33-a59f1130a11f, identity_provider_id: 5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716}"),
            Gen.Elements("github-organization: {name: example-org, identity_provider_id: x}", "github-organization: {name: \"örg\", team: \"t e a m\", identity_provider_id: x}"),
            Gen.Elements(OddEmails).Select(e => $"gsuite: {{email: {Quote(e)}, identity_provider_id: x}}"),
            Gen.Constant("okta: {name: \"Staff 👩‍💻\", identity_provider_id: 1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9}"),
            Gen.Constant("saml: {attribute_name: \"urn:oid:1.3.6\", attribute_value: \"a=b,c\", identity_provider_id: x}"),
            Gen.Constant("oidc: {claim_name: groups, claim_value: \"wiki editors\", identity_provider_id: x}"),
            Gen.Constant("auth_context: {id: c1, ac_id: c1, identity_provider_id: x}"),
            Gen.Elements("linked_app_token: 00000000-0000-4000-8000-000000000000", "linked_app_token: {app_uid: ffffffff-ffff-4fff-bfff-ffffffffffff}"),
            Gen.SubListOf("low", "medium", "high", "unscored").Where(l => l.Count > 0)
                .SelectMany(l => Gen.Elements($"user_risk_score: [{string.Join(", ", l)}]", $"user_risk_score: {{user_risk_score: [{string.Join(", ", l)}]}}")),
            Gen.Elements("cloudflare_account_member: true", "cloudflare_account_member: {}", "cloudflare_account_member: {account_id: 9a7806061c88ada191ed06f989cc3dac}"),
            .. References(scope),
        ]);

    /// <summary>Rules that name a live group, service token or identity provider, by name (in any case) or by id.</summary>
    private static IEnumerable<Gen<string>> References(LiveScope scope)
    {
        if (!scope.Groups.IsEmpty)
        {
            yield return Gen.Elements(scope.Groups.ToArray()).SelectMany(g => Gen.Elements(
                $"group: {Quote(g.Name)}", $"group: {Quote(g.Name.ToLowerInvariant())}", $"group: {g.Id}", $"group: {{id: {g.Id}}}"));
        }

        if (!scope.ServiceTokens.IsEmpty)
        {
            yield return Gen.Elements(scope.ServiceTokens.ToArray()).SelectMany(t => Gen.Elements(
                $"service_token: {Quote(t.Name)}", $"service_token: {t.Id}", $"service_token: {{token_id: {t.Id}}}"));
        }

        if (!scope.IdentityProviders.IsEmpty)
        {
            yield return Gen.Elements(scope.IdentityProviders.ToArray()).SelectMany(p => Gen.Elements(
                $"login_method: {Quote(p.Name)}", $"login_method: {p.Id}", $"login_method: {{id: {p.Id}}}"));
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    private static string Indent(string lines, string indent) =>
        string.Concat(lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => indent + line + "\n"));

    /// <summary>A YAML double-quoted scalar: every character that YAML would read otherwise escaped.</summary>
    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
