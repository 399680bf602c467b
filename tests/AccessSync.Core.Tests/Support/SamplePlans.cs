using AccessSync.Core.Diagnostics;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Sources;

namespace AccessSync.Core.Tests.Support;

/// <summary>Plans for renderer tests, made by the planner from files and a live account as the CLI would.</summary>
internal static class SamplePlans
{
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
            Some.App("Deploy API"),
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
                """));
    }

    /// <summary>
    /// Every reusable-policy part: in the account's reusable section a created, an updated (narrowing a deny) and a
    /// deleted policy, one kept because prune is off, and one owned by an application's file; in the applications,
    /// attaches (of a bypass policy, and of an allow policy that includes everyone) and a detach of a deny policy,
    /// beside an application's own changes; an application whose only change is an attach; and an unchanged one.
    /// </summary>
    /// <remarks>
    /// The planner does not plan reusable policies yet. So that their changes hold the canonical fields and field
    /// differences the planner makes, the reusable policies are planned as one stand-in application's, and their
    /// changes moved to the reusable section; the attaches and detaches are added to the applications after their
    /// own changes, the order the change kinds are declared in, which the renders must not follow.
    /// </remarks>
    public static Plan WithReusable()
    {
        var deployApi = Some.App("Deploy API");
        var plan = Plan(
            Some.Live(
                Some.App("Grafana", Some.Policy("Allow engineering", 1), Some.Policy("Old VPN range", 4, decision: "deny", include: """[{"ip":{"ip":"203.0.113.0/24"}}]""")),
                Some.App("Status page", Some.Policy("Staff preview", 1)),
                deployApi,
                Some.App("Wiki", Some.Policy("Everyone at work", 1))),
            ("apps/grafana.yaml", """
                app: {name: Grafana}
                policies:
                  - {name: Allow engineering, decision: allow, include: [{group: Developers}]}
                  - {name: Partner engineers, precedence: 4, decision: allow, include: [{email_domain: partner.example.net}]}
                """),
            ("apps/status-page.yaml", "app: {name: Status page}\npolicies: []\n"),
            ("apps/deploy-api.yaml", "app: {name: Deploy API}\npolicies: []\n"),
            ("apps/wiki.yaml", """
                app: {name: Wiki}
                policies:
                  - {name: Everyone at work, decision: allow, include: [{group: Developers}]}
                """));

        var healthChecks = Planning.ReusablePlan.OwnedName("Deploy API", "Health checks");
        var shared = Plan(
            Some.Live(Some.App(
                "Stand-in",
                Some.Policy("Block contractors", 3, decision: "deny", include: $$$"""[{"group":{"id":"{{{Some.ContractorsId}}}"}},{"geo":{"country_code":"RU"}}]"""),
                Some.Policy("Old shared policy", 5))),
            ("apps/stand-in.yaml", $$"""
                app: {name: Stand-in}
                policies:
                  - {name: All staff, decision: allow, include: [{everyone: true}], require: [{login_method: Okta}]}
                  - {name: Allow developers, decision: allow, include: [{group: Developers}], require: [{auth_method: mfa}]}
                  - {name: Block contractors, decision: deny, include: [{group: Contractors}]}
                  - {name: "{{healthChecks}}", decision: bypass, include: [{ip: 192.0.2.0/24}]}
                """)).Applications.Single().Changes;

        ReusablePlan Reusable(string name, string file, params string[] apps) =>
            new(Some.Account, name, file, InReusableSection(shared.Single(c => c.Subject == name), file), [.. apps]);

        return plan with
        {
            Applications =
            [
                .. plan.Applications.Select(a => a.App.Name switch
                {
                    "Grafana" => a with { Changes = [.. a.Changes, new DetachPolicy(Some.IdFor("Legacy deny"), "Legacy deny", Decision.Deny, 3), new AttachPolicy(null, "Allow developers", Decision.Allow, 3)] },
                    "Status page" => a with { Changes = [.. a.Changes, new AttachPolicy(null, "All staff", Decision.Allow, 1)] },
                    "Deploy API" => a with { Changes = [new AttachPolicy(null, healthChecks, Decision.Bypass, 1)], Fingerprint = Fingerprint.Of(deployApi.Raw) },
                    _ => a,
                }),
            ],
            Reusable =
            [
                Reusable("All staff", "reusable/all-staff.yaml", "Status page"),
                Reusable("Allow developers", "reusable/allow-developers.yaml", "Grafana"),
                Reusable("Block contractors", "reusable/block-contractors.yaml", "Grafana", "Wiki"),
                new ReusablePlan(Some.Account, "Legacy shared", string.Empty, null, []),
                Reusable("Old shared policy", string.Empty),
                Reusable(healthChecks, "apps/deploy-api.yaml", "Deploy API"),
            ],
        };
    }

    /// <summary>A change planned for the stand-in application as the reusable section holds it: from its own file, and with no precedence.</summary>
    private static PolicyChange InReusableSection(PolicyChange change, string file) => change switch
    {
        CreatePolicy create => create with { Desired = create.Desired with { Precedence = 0, Span = new SourceSpan(file, 1, 1) } },
        UpdatePolicy update => update with { Desired = update.Desired with { Precedence = 0, Span = new SourceSpan(file, 1, 1) } },
        DeletePolicy delete => delete with { Precedence = null },
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "a reusable policy is created, updated or deleted"),
    };

    public static Plan Plan(Live.LiveState live, params (string Path, string Yaml)[] files)
    {
        var loaded = ProjectLoader.Load(RootConfig.Default, [.. files.Select(f => new SourceFile(f.Path, f.Yaml))], new ScopeFallbacks(Some.Account, null));
        Assert.That(loaded.Diagnostics.Where(d => d.IsError), Is.Empty, "the files were meant to be valid");
        return Some.Plan(loaded.Value!, live);
    }
}
