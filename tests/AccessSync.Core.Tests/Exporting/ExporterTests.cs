using System.Collections.Immutable;
using AccessSync.Core.Exporting;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests.Exporting;

public class ExporterTests
{
    private static LiveScope Scope(params LiveApplication[] apps) => Some.Live(apps).Scopes[0];

    private static string ExportedApp(LiveScope scope, ExportOptions? options = null)
    {
        var result = Exporter.Export(scope, options ?? ExportOptions.Default);
        result.Problems.ShouldBeEmpty();
        return result.Files.Single(f => f.RelativePath.StartsWith("apps/", StringComparison.Ordinal)).Text;
    }

    [Test]
    public void Rules_are_written_in_their_short_forms_with_groups_and_providers_by_name()
    {
        var scope = Scope(Some.App("Grafana", Some.Policy(
            "Allow devs",
            1,
            include: $$$"""[{"group":{"id":"{{{Some.DevelopersId}}}"}},{"email":{"email":"ada@example.com"}},{"everyone":{}}]""",
            extra: $$$"""
                "require":[{"login_method":{"id":"{{{Some.OktaId}}}"}},{"geo":{"country_code":"no"}}],
                "exclude":[{"service_token":{"token_id":"{{{Some.TokenId}}}"}}]
                """)));

        var text = ExportedApp(scope);

        text.ShouldContain("""
                include:
                  - group: Developers
                  - email: ada@example.com
                  - everyone: true
                exclude:
                  - service_token: CI deploy bot
                require:
                  - login_method: Okta
                  - geo: NO

            """.Replace("\r", string.Empty, StringComparison.Ordinal));
    }

    [Test]
    public void A_group_whose_name_is_shared_or_looks_like_an_id_is_written_by_id()
    {
        const string Shared1 = "11111111-1111-4111-8111-111111111111";
        const string Shared2 = "22222222-2222-4222-8222-222222222222";
        const string UuidNamed = "33333333-3333-4333-8333-333333333333";
        var scope = Scope(Some.App("Grafana", Some.Policy("Allow", 1, include: $$$"""[{"group":{"id":"{{{Shared1}}}"}},{"group":{"id":"{{{UuidNamed}}}"}}]"""))) with
        {
            Groups = [new NamedObject(Shared1, "Admins"), new NamedObject(Shared2, "admins"), new NamedObject(UuidNamed, "44444444-4444-4444-8444-444444444444")],
        };

        var text = ExportedApp(scope);

        text.ShouldContain($"- group: {Shared1}\n");
        text.ShouldContain($"- group: {UuidNamed}\n");
    }

    [Test]
    public void Precedence_is_written_only_when_list_order_does_not_give_it()
    {
        var inOrder = ExportedApp(Scope(Some.App("Grafana", Some.Policy("A", 1), Some.Policy("B", 2))));
        var withGap = ExportedApp(Scope(Some.App("Grafana", Some.Policy("A", 1), Some.Policy("B", 5))));

        inOrder.ShouldNotContain("precedence");
        withGap.ShouldContain("  - name: A\n    decision: allow\n    precedence: 1\n");
        withGap.ShouldContain("  - name: B\n    decision: allow\n    precedence: 5\n");
    }

    [Test]
    public void A_reusable_policy_attached_to_the_application_is_a_comment_not_a_policy()
    {
        var reusable = Some.Policy("""{"id":"55555555-5555-4555-8555-555555555555","name":"Corporate \"SSO\"","decision":"allow","include":[{"everyone":{}}],"precedence":2}""", reusable: true);
        var scope = Scope(Some.App("Grafana", Some.Policy("A", 1), reusable, Some.Policy("B", 3)));

        var text = ExportedApp(scope);

        text.ShouldContain("# reusable policy \"Corporate \\\"SSO\\\"\" (precedence 2) is attached; it is managed as a reusable policy\n");
        text.ShouldNotContain("- name: Corporate");
        text.ShouldContain("precedence: 3");
    }

    [Test]
    public void Fields_AccessSync_does_not_manage_and_API_defaults_are_not_written()
    {
        var scope = Scope(Some.App("Grafana", Some.Policy("A", 1, extra: """
            "x_future_field":{"a":1},"created_at":"2026-01-01T00:00:00Z","approval_required":false,"exclude":[],
            "purpose_justification_prompt":"","mfa_config":{"allowed_authenticators":[],"mfa_disabled":true}
            """)));

        var text = ExportedApp(scope);

        text.ShouldEndWith("""
            policies:
              - name: A
                decision: allow
                include:
                  - group: Developers
                mfa_config:
                  mfa_disabled: true

            """.Replace("\r", string.Empty, StringComparison.Ordinal));
    }

    [Test]
    public void Text_that_YAML_would_read_as_another_type_is_quoted_and_reads_back_the_same()
    {
        var scope = Scope(Some.App("true", Some.Policy("""{"id":"66666666-6666-4666-8666-666666666666","name":"42","decision":"allow","precedence":1,"include":[{"common_name":{"common_name":"null"}}],"purpose_justification_prompt":"Why?\nSay it."}""")));

        var result = Exporter.Export(scope, ExportOptions.Default);
        var text = result.Files.Single(f => f.RelativePath == "apps/true.yaml").Text;

        text.ShouldContain("  name: \"true\"\n");
        text.ShouldContain("- name: \"42\"\n");
        text.ShouldContain("- common_name: \"null\"\n");
        text.ShouldContain("purpose_justification_prompt: \"Why?\\nSay it.\"\n");
        ExportedTree.Plan(result.Files, new LiveState([scope])).HasChanges.ShouldBeFalse();
    }

    [Test]
    public void Settings_the_folder_defaults_would_fill_are_written_as_they_are_live()
    {
        var defaults = new PolicySettings(ApprovalRequired: true, PurposeJustificationPrompt: "Why?", MfaConfig: new MfaConfig(["totp"], MfaDisabled: true, SessionDuration: null));
        var config = RootConfig.Default with { Scope = Some.Account, Defaults = defaults };
        var scope = Scope(Some.App("Grafana", Some.Policy("A", 1), Some.Policy("B", 2, extra: "\"mfa_config\":{\"session_duration\":\"1h\"}")));
        var options = ExportOptions.Default with { Defaults = defaults, WriteRootConfig = false };

        var result = Exporter.Export(scope, options);

        result.Problems.ShouldBeEmpty();
        var text = result.Files.Single(f => f.RelativePath == "apps/grafana.yaml").Text;
        text.ShouldContain("""
                approval_required: false
                purpose_justification_prompt: ""
                mfa_config:
                  allowed_authenticators: []
                  mfa_disabled: false
              - name: B
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        text.ShouldContain("    mfa_config:\n      session_duration: 1h\n");
        ExportedTree.Plan(result.Files, new LiveState([scope]), config).HasChanges.ShouldBeFalse();
    }

    [Test]
    public void A_policy_without_a_duration_that_the_folder_defaults_would_give_one_is_refused()
    {
        var scope = Scope(Some.App("Grafana", Some.Policy("A", 1)), Some.App("Wiki", Some.Policy("B", 1, extra: "\"session_duration\":\"8h\"")));

        var result = Exporter.Export(scope, ExportOptions.Default with { Defaults = new PolicySettings(SessionDuration: "24h") });

        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Subject.ShouldStartWith("Grafana (");
        problem.Message.ShouldContain("policy `A` has no session_duration live, and the defaults of accesssync.yaml would give it one");
        result.Files.Select(f => f.RelativePath).ShouldBe(["accesssync.yaml", ExportOptions.SchemaPath, "apps/wiki.yaml"]);
    }

    [Test]
    public void An_application_no_file_can_describe_is_a_problem_and_not_a_file_while_the_others_are_checked_and_written()
    {
        var scope = Scope(
            Some.App("Grafana", Some.Policy("Allow", 1), Some.Policy("allow", 2)),
            Some.App("Wiki", Some.Policy("""{"id":"99999999-9999-4999-8999-999999999999","name":"No precedence","decision":"allow","include":[{"everyone":{}}]}""")),
            Some.App("Admin", Some.Policy("A", 1)));

        var result = Exporter.Export(scope, ExportOptions.Default);

        result.Problems.Select(p => p.Subject.Split(' ')[0]).ShouldBe(["Grafana", "Wiki"], ignoreOrder: true);
        result.Problems.Single(p => p.Subject.StartsWith("Grafana", StringComparison.Ordinal)).Message.ShouldContain("[duplicate-policy-name]");
        result.Problems.Single(p => p.Subject.StartsWith("Wiki", StringComparison.Ordinal)).Message.ShouldContain("would still plan changes (reorder `No precedence` 0 → 1)");
        result.Files.Where(f => f.RelativePath.StartsWith("apps/", StringComparison.Ordinal)).Select(f => f.RelativePath).ShouldBe(["apps/admin.yaml"]);
    }

    [Test]
    public void File_names_are_slugs_of_the_names_told_apart_by_domain_then_id()
    {
        var scope = Scope(
            Some.App("Grafana", "grafana.example.com"),
            Some.App("GRAFANA!", "grafana.example.org"),
            Some.App("Café Admin", "admin.example.com"),
            Some.App("AccessSync", "a.example.com"),
            Some.App("日本", "b.example.com"));

        var paths = Exporter.Export(scope, ExportOptions.Default).Files.Select(f => f.RelativePath);

        paths.ShouldBe(
            ["accesssync.yaml", ExportOptions.SchemaPath, "apps/accesssync-app.yaml", "apps/app.yaml", "apps/cafe-admin.yaml", "apps/grafana-grafana-example-com.yaml", "apps/grafana-grafana-example-org.yaml"],
            ignoreOrder: true);
    }

    [Test]
    public void Applications_are_named_by_name_else_domain_else_id()
    {
        var a = Some.App("Grafana", "grafana.example.com");
        var b = Some.App("grafana", "grafana2.example.com") with { Id = "77777777-7777-4777-8777-777777777777" };
        var c = Some.App("Wiki", "grafana2.example.com") with { Name = "grafana", Id = "88888888-8888-4888-8888-888888888888" };

        var files = Exporter.Export(Scope(a, b, c), ExportOptions.Default).Files.Where(f => f.RelativePath.StartsWith("apps/", StringComparison.Ordinal)).ToList();

        files.Select(f => f.Text.Split('\n')[2..4].Aggregate((x, y) => x + " " + y)).ShouldBe(
            ["app:   domain: grafana.example.com", "app:   id: 77777777-7777-4777-8777-777777777777", "app:   id: 88888888-8888-4888-8888-888888888888"],
            ignoreOrder: true);
    }

    [Test]
    public void Only_the_applications_asked_for_are_exported_and_one_that_matches_none_is_a_problem()
    {
        var scope = Scope(Some.App("Grafana", "grafana.example.com"), Some.App("Wiki", "wiki.example.com"));

        var result = Exporter.Export(scope, ExportOptions.Default with { Applications = ["WIKI.example.com", "Nope"], WriteRootConfig = false, WriteSchema = false });

        result.Files.Select(f => f.RelativePath).ShouldBe(["apps/wiki.yaml"]);
        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Subject.ShouldBe("--app Nope");
        problem.Message.ShouldContain("known: Grafana, Wiki");
    }

    [Test]
    public void The_scope_goes_in_each_file_when_the_folder_config_does_not_name_it()
    {
        var result = Exporter.Export(Scope(Some.App("Grafana", Some.Policy("A", 1))), ExportOptions.Default with { ScopeInFiles = true, WriteRootConfig = false });

        result.Files.Single(f => f.RelativePath == "apps/grafana.yaml").Text.ShouldContain($"app:\n  name: Grafana\naccount_id: {Some.Account.Id}\npolicies:\n");
        ExportedTree.Plan(result.Files, Some.Live(Some.App("Grafana", Some.Policy("A", 1)))).HasChanges.ShouldBeFalse();
    }

    [Test]
    public void A_name_in_a_comment_cannot_end_its_line()
    {
        var reusable = Some.Policy("{\"id\":\"55555555-5555-4555-8555-555555555555\",\"name\":\"x\\npolicies: []\",\"decision\":\"allow\",\"include\":[],\"precedence\":2}", reusable: true);
        var scope = Scope(Some.App("Evil\u2028policies: []\u0085\u001b[31m", Some.Policy("A", 1), reusable));

        var result = Exporter.Export(scope, ExportOptions.Default);

        result.Problems.ShouldBeEmpty();
        var text = result.Files.Single(f => f.RelativePath.StartsWith("apps/", StringComparison.Ordinal)).Text;
        text.ShouldContain("application \"Evil\\u2028policies: []\\u0085\\u001B[31m\"");
        text.ShouldContain("# reusable policy \"x\\u000Apolicies: []\" (precedence 2)");
        text.Split('\n').Count(l => l.StartsWith("policies:", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Test]
    public void An_application_another_file_of_the_folder_manages_is_skipped()
    {
        var scope = Scope(Some.App("Grafana", "grafana.example.com"), Some.App("Wiki", "wiki.example.com"), Some.App("Admin", "admin.example.com"));
        var managed = ImmutableArray.Create(
            new AppReference(AppReferenceKind.Domain, "GRAFANA.example.com", new Diagnostics.SourceSpan("apps/dashboards.yaml", 2, 3)),
            new AppReference(AppReferenceKind.Name, "wiki", new Diagnostics.SourceSpan("apps/wiki.yaml", 2, 3)));

        var result = Exporter.Export(scope, ExportOptions.Default with { AlreadyManaged = managed, WriteRootConfig = false, WriteSchema = false });

        result.Files.Select(f => f.RelativePath).ShouldBe(["apps/admin.yaml", "apps/wiki.yaml"]);
        result.Problems.ShouldBeEmpty();
        result.Skipped.ShouldHaveSingleItem().ToString().ShouldEndWith("already managed by apps/dashboards.yaml; not exported");
    }

    [Test]
    public void An_application_gets_the_same_file_name_whether_it_is_exported_alone_or_with_the_others()
    {
        var scope = Scope(Some.App("Grafana", "grafana.example.com"), Some.App("grafana", "grafana.example.org"));

        var alone = Exporter.Export(scope, ExportOptions.Default with { Applications = ["grafana.example.org"] });

        alone.Files.Select(f => f.RelativePath).ShouldContain("apps/grafana-grafana-example-org.yaml");
    }
}
