using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Tests.Support;

/// <summary>Plans for renderer tests, made by the planner from files and a live account as the CLI would.</summary>
internal static class SamplePlans
{
    /// <summary>The realistic plan with the outcome of a folder's access tests: one the files fail, one whose decision the plan changes, one as it was.</summary>
    public static Plan WithAccessTests() => Realistic() with
    {
        AccessTests = new PlannedAccessTests(
        [
            new AccessTestOutcome("tests/grafana.yaml", 3, "Grafana", "contractors never get in", "eve@contractor.example", false, "deny", "allow by `Allow engineering`", "allow", "deny by `Block contractors`", "deny"),
            new AccessTestOutcome("tests/grafana.yaml", 7, "Grafana", "engineers with Okta", "ada@example.com", true, "allow", "allow by `Allow engineering`", "allow", "deny (no policy matched)", "deny"),
            new AccessTestOutcome("tests/wiki.yaml", 3, "Wiki", "the CI bot | `reads`", "CI bot", true, "deny", "deny (no policy matched)", "deny", "deny (no policy matched)", "deny"),
        ]),
    };

    /// <summary>
    /// Every change kind, each way of widening access, an unchanged application, a policy kept because prune is
    /// off, and a reusable policy attached to an application.
    /// </summary>
    public static Plan Realistic()
    {
        var live = Some.Live(
            Some.App(
                "Grafana",
                Some.Policy("Block contractors", 1, decision: "deny", include: $$$"""[{"group":{"id":"{{{Some.ContractorsId}}}"}}]"""),
                Some.Policy("Allow engineering", 2, extra: $$$"""
                    "require":[{"login_method":{"id":"{{{Some.OktaId}}}"}},{"geo":{"country_code":"US"}}],"exclude":[{"geo":{"country_code":"RU"}}],"session_duration":"480m"
                    """),
                Some.Policy("Legacy VPN range", 3, decision: "deny", include: """[{"ip":{"ip":"203.0.113.0/24"}}]""")),
            Some.App("Status page", Some.Policy("Staff preview", 1)),
            Some.App("Finance portal", Some.Policy("Finance team", 1, extra: "\"approval_required\":true,\"mfa_config\":{\"session_duration\":\"1h\"}")),
            Some.App("Deploy API", Some.Policy("Health", 2)),
            Some.App("Wiki", Some.Policy("Everyone at work", 1), Some.Policy("Break glass", 9)),
            Some.App(
                "Admin console",
                Some.Policy("Admins", 1, include: """[{"email":{"email":"ops@example.com"}}]"""),
                Some.Policy($$"""{"id":"{{Some.IdFor("Shared baseline")}}","name":"Shared baseline","decision":"allow","include":[],"precedence":5}""", reusable: true)));

        return Plan(
            live,
            ("apps/grafana.yaml", """
                app: {name: Grafana}
                policies:
                  - name: Allow engineering
                    decision: allow
                    include: [{group: Developers}, {email: ada@example.com}]
                    require: [{geo: US}]
                    exclude: [{geo: RU}]
                    session_duration: 24h
                  - name: Block contractors
                    decision: deny
                    include: [{group: Contractors}]
                  - name: Partner engineers
                    decision: allow
                    include: [{email_domain: partner.example.net}]
                    require: [{auth_method: mfa}]
                    session_duration: 1h
                """),
            ("apps/status-page.yaml", """
                app: {name: Status page}
                policies:
                  - name: Staff preview
                    decision: bypass
                    include: [{everyone: true}]
                """),
            ("apps/finance-portal.yaml", """
                app: {name: Finance portal}
                policies:
                  - name: Finance team
                    decision: allow
                    include: [{group: Developers}]
                    approval_required: false
                    mfa_config: {session_duration: 1h}
                """),
            ("apps/deploy-api.yaml", """
                app: {name: Deploy API}
                policies:
                  - name: CI deploy bot
                    decision: non_identity
                    include: [{service_token: CI deploy bot}]
                  - {name: Health, decision: allow, include: [{group: Developers}]}
                """),
            ("apps/wiki.yaml", """
                app: {name: Wiki}
                prune: false
                policies:
                  - {name: Everyone at work, decision: allow, include: [{group: Developers}]}
                """),
            ("apps/admin-console.yaml", """
                app: {name: Admin console}
                policies:
                  - {name: Admins, decision: allow, include: [{email: ops@example.com}]}
                  - {use: Shared baseline, precedence: 5}
                """));
    }

    /// <summary>
    /// Every reusable-policy part, as the planner makes it: in the account's reusable section a created, an updated
    /// (narrowing a deny) and a deleted policy, one owned by an application's file, and one that nothing uses, kept
    /// and reported (planned with prune off, beside the rest); in the applications, attaches (of a bypass policy,
    /// and of an allow policy that includes everyone) and a detach of a deny policy beside an application's own
    /// changes, an application whose only change is an attach, and an unchanged one.
    /// </summary>
    public static Plan WithReusable()
    {
        var plan = WithReusablePruned();
        var kept = Plan(
            RootConfig.Default with { Prune = false },
            Some.Live([Some.Reusable("Legacy shared")], Some.App("Grafana", Some.Policy("Allow engineering", 1))),
            ("apps/grafana.yaml", "app: {name: Grafana}\npolicies:\n  - {name: Allow engineering, decision: allow, include: [{group: Developers}]}\n"));
        return plan with { Reusable = [.. plan.Reusable.Concat(kept.Reusable).OrderBy(r => r.Name, StringComparer.Ordinal)] };
    }

    private static Plan WithReusablePruned() => Plan(
        Some.Live(
            [Some.Reusable("Old shared policy")],
            Some.App(
                "Grafana",
                Some.Policy("Allow engineering", 1),
                Some.Reusable("Block contractors", 2, decision: "deny", include: $$$"""[{"group":{"id":"{{{Some.ContractorsId}}}"}},{"geo":{"country_code":"RU"}}]"""),
                Some.Reusable("Legacy deny", 3, decision: "deny"),
                Some.Policy("Old VPN range", 4, decision: "deny", include: """[{"ip":{"ip":"203.0.113.0/24"}}]""")),
            Some.App("Status page", Some.Policy("Staff preview", 1)),
            Some.App("Deploy API"),
            Some.App("Unmanaged", Some.Reusable("Legacy deny", 1, decision: "deny")),
            Some.App(
                "Wiki",
                Some.Policy("Everyone at work", 1),
                Some.Reusable("Block contractors", 2, decision: "deny", include: $$$"""[{"group":{"id":"{{{Some.ContractorsId}}}"}},{"geo":{"country_code":"RU"}}]"""))),
        ("apps/deploy-api.yaml", """
            app: {name: Deploy API}
            policies:
              - {name: Health checks, decision: bypass, include: [{ip: 192.0.2.0/24}]}
            """),
        ("apps/grafana.yaml", """
            app: {name: Grafana}
            policies:
              - {name: Allow engineering, decision: allow, include: [{group: Developers}]}
              - use: Block contractors
              - use: Allow developers
              - {name: Partner engineers, decision: allow, include: [{email_domain: partner.example.net}]}
            """),
        ("apps/status-page.yaml", "app: {name: Status page}\npolicies:\n  - use: All staff\n"),
        ("apps/wiki.yaml", """
            app: {name: Wiki}
            policies:
              - {name: Everyone at work, decision: allow, include: [{group: Developers}]}
              - use: Block contractors
            """),
        ("reusable/all-staff.yaml", "policy: {name: All staff, decision: allow, include: [{everyone: true}], require: [{login_method: Okta}]}\n"),
        ("reusable/allow-developers.yaml", "policy: {name: Allow developers, decision: allow, include: [{group: Developers}], require: [{auth_method: mfa}]}\n"),
        ("reusable/block-contractors.yaml", "policy: {name: Block contractors, decision: deny, include: [{group: Contractors}]}\n"));

    /// <summary>A value no line break can shorten: a URL longer than a line of the plan.</summary>
    public const string UnbreakableValue = "https://risk.example.com/evaluate/tenants/9a7806061c88ada191ed06f989cc3dac/policies/grafana-for-the-payments-platform";

    /// <summary>
    /// Values too long for a line of the plan: an application's and a policy's name, a group's name, an email
    /// address, a list of SSH user names, a reason a change widens access, and <see cref="UnbreakableValue"/>.
    /// </summary>
    public static Plan WithLongValues()
    {
        const string app = "Grafana for the payments platform team in the European region and its on-call rota";
        var live = Some.Live(Some.App(app, Some.Policy("Allow engineering", 1, extra: "\"session_duration\":\"480m\"")));
        var plan = Plan(
            live,
            ("apps/grafana-for-the-payments-platform-team-in-the-european-region.yaml", $$$"""
                app: {name: {{{app}}}}
                policies:
                  - name: Allow engineering
                    decision: allow
                    include:
                      - group: Developers
                      - email: someone-with-a-very-long-address-for-the-finance-approvals@accounts.example.com
                    require:
                      - external_evaluation: {evaluate_url: '{{{UnbreakableValue}}}', keys_url: https://risk.example.com/keys}
                    session_duration: 24h
                    connection_rules: {ssh: {usernames: [{{{string.Join(", ", Enumerable.Range(1, 12).Select(i => $"operator{i:D2}"))}}}]}}
                  - name: Partner engineers from the contracted integration firm working on the settlement services
                    decision: allow
                    include: [{email_domain: partner.example.net}]
                """));
        return plan with { Names = plan.Names.SetItem(Some.DevelopersId, "Developers of the payments platform, the ledger and the settlement services") };
    }

    /// <summary>The plan of valid files, each path also its path below the root, in <see cref="Some.Account"/>.</summary>
    public static Plan Plan(Live.LiveState live, params (string Path, string Yaml)[] files) => Plan(RootConfig.Default, live, files);

    public static Plan Plan(RootConfig config, Live.LiveState live, params (string Path, string Yaml)[] files)
    {
        var loaded = Load.Project(config, new ScopeFallbacks(Some.Account, null), files);
        Assert.That(loaded.Diagnostics.Where(d => d.IsError), Is.Empty, "the files were meant to be valid");
        return Some.Plan(loaded.Value!, live);
    }
}
