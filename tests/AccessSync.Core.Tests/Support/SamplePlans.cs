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

    public static Plan Plan(Live.LiveState live, params (string Path, string Yaml)[] files)
    {
        var loaded = ProjectLoader.Load(RootConfig.Default, [.. files.Select(f => new SourceFile(f.Path, f.Yaml))], new ScopeFallbacks(Some.Account, null));
        Assert.That(loaded.Diagnostics.Where(d => d.IsError), Is.Empty, "the files were meant to be valid");
        return Some.Plan(loaded.Value!, live);
    }
}
