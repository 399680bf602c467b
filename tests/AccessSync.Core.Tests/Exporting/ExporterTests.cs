using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AccessSync.Core.Exporting;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests.Exporting;

public class ExporterTests
{
    private static LiveScope Scope(params LiveApplication[] apps) => Some.Live(apps).Scopes[0];

    /// <summary>An account with these applications and these reusable policies (attached to them or not).</summary>
    private static LiveScope Scope(LivePolicy[] reusable, params LiveApplication[] apps) => Scope(apps) with { ReusablePolicies = [.. reusable] };

    /// <summary>A reusable policy as the account lists it: no precedence, an id from its name.</summary>
    private static LivePolicy Reusable(string name, string decision = "allow", string include = """[{"group":{"id":"aa0a4aab-672b-4bdb-bc33-a59f1130a11f"}}]""") =>
        Some.Policy(new JsonObject { ["id"] = Some.IdFor(name), ["name"] = name, ["decision"] = decision, ["include"] = JsonNode.Parse(include) }.ToJsonString(), reusable: true);

    private static string File(ExportResult result, string path) => result.Files.Single(f => f.RelativePath == path).Text;

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
    public void An_attached_reusable_policy_is_a_use_entry_at_its_place_and_is_defined_by_a_file_of_its_own()
    {
        var reusable = Reusable("Corporate \"SSO\"", include: """[{"everyone":{}}]""");
        var scope = Scope([reusable], Some.App("Grafana", Some.Policy("A", 1), Some.Attached(reusable, 2), Some.Policy("B", 3)));

        var result = Exporter.Export(scope, ExportOptions.Default);

        result.Problems.ShouldBeEmpty();
        File(result, "apps/grafana.yaml").ShouldEndWith("""
              - name: A
                decision: allow
                include:
                  - group: Developers
              - use: Corporate "SSO"
              - name: B
                decision: allow
                include:
                  - group: Developers

            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        File(result, "reusable/corporate-sso.yaml").ShouldBe($$"""
            # yaml-language-server: $schema=../schemas/accesssync.schema.json
            # Exported from account {{Some.Account.Id}}: reusable policy "Corporate \"SSO\"", id {{reusable.Id}}; attached to "Grafana".
            kind: reusable-policy
            policy:
              name: Corporate "SSO"
              decision: allow
              include:
                - everyone: true

            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        ExportedTree.Plan(result.Files, new LiveState([scope])).HasChanges.ShouldBeFalse();
    }

    [Test]
    public void A_use_entry_takes_an_explicit_precedence_when_list_order_does_not_give_it()
    {
        var reusable = Reusable("Corporate SSO");
        var scope = Scope([reusable], Some.App("Grafana", Some.Policy("A", 1), Some.Attached(reusable, 5)));

        var result = Exporter.Export(scope, ExportOptions.Default);

        result.Problems.ShouldBeEmpty();
        File(result, "apps/grafana.yaml").ShouldContain("    precedence: 1\n");
        File(result, "apps/grafana.yaml").ShouldEndWith("  - use: Corporate SSO\n    precedence: 5\n");
        ExportedTree.Plan(result.Files, new LiveState([scope])).HasChanges.ShouldBeFalse();
    }

    [Test]
    public void A_reusable_policy_made_for_an_application_without_policies_of_its_own_comes_back_inline_under_the_name_it_was_made_from()
    {
        var owned = Reusable("[Wiki] Allow staff", decision: "deny");
        var shared = Reusable("Corporate SSO");
        var scope = Scope([owned, shared], Some.App("Wiki", Some.Attached(shared, 1), Some.Attached(owned, 2)));

        var result = Exporter.Export(scope, ExportOptions.Default);

        result.Problems.ShouldBeEmpty();
        var text = File(result, "apps/wiki.yaml");
        text.ShouldContain("# The policies written out below are live as reusable policies named \"[Wiki] <policy name>\", attached to this application alone.\n");
        text.ShouldEndWith("""
            policies:
              - use: Corporate SSO
              - name: Allow staff
                decision: deny
                include:
                  - group: Developers

            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        result.Files.Select(f => f.RelativePath).Where(p => p.StartsWith("reusable/", StringComparison.Ordinal)).ShouldBe(["reusable/corporate-sso.yaml"]);
        ExportedTree.Plan(result.Files, new LiveState([scope])).HasChanges.ShouldBeFalse();
    }

    [Test]
    public void A_reusable_policy_named_for_an_application_is_a_use_entry_when_it_is_shared_or_the_application_has_policies_of_its_own()
    {
        var shared = Reusable("[Wiki] Allow staff");
        var besideOwn = Reusable("[Grafana] Allow staff");
        var scope = Scope(
            [shared, besideOwn],
            Some.App("Wiki", Some.Attached(shared, 1)),
            Some.App("Admin", Some.Attached(shared, 1)),
            Some.App("Grafana", Some.Policy("A", 1), Some.Attached(besideOwn, 2)));

        var result = Exporter.Export(scope, ExportOptions.Default);

        result.Problems.ShouldBeEmpty();
        File(result, "apps/wiki.yaml").ShouldEndWith("policies:\n  - use: '[Wiki] Allow staff'\n");
        File(result, "apps/grafana.yaml").ShouldEndWith("  - use: '[Grafana] Allow staff'\n");
        result.Files.Select(f => f.RelativePath).ShouldContain("reusable/wiki-allow-staff.yaml");
        result.Files.Select(f => f.RelativePath).ShouldContain("reusable/grafana-allow-staff.yaml");
        ExportedTree.Plan(result.Files, new LiveState([scope])).HasChanges.ShouldBeFalse();
    }

    [Test]
    public void Reusable_policies_no_application_uses_are_exported_with_the_whole_account_and_not_for_chosen_applications()
    {
        var used = Reusable("Corporate SSO");
        var unused = Reusable("Break glass");
        var scope = Scope([used, unused], Some.App("Grafana", Some.Attached(used, 1)), Some.App("Wiki", Some.Policy("A", 1)));

        var whole = Exporter.Export(scope, ExportOptions.Default);
        var chosen = Exporter.Export(scope, ExportOptions.Default with { Applications = ["Wiki"] });

        whole.Problems.ShouldBeEmpty();
        whole.Files.Select(f => f.RelativePath).Where(p => p.StartsWith("reusable/", StringComparison.Ordinal)).ShouldBe(["reusable/break-glass.yaml", "reusable/corporate-sso.yaml"]);
        File(whole, "reusable/break-glass.yaml").ShouldContain("; attached to no application.\n");
        ExportedTree.Plan(whole.Files, new LiveState([scope])).HasChanges.ShouldBeFalse("a reusable policy no file defines and nothing uses would be deleted");
        chosen.Problems.ShouldBeEmpty();
        chosen.Files.Select(f => f.RelativePath).Where(p => !p.StartsWith("apps/", StringComparison.Ordinal)).ShouldBe(["accesssync.yaml", ExportOptions.SchemaPath]);
    }

    [Test]
    public void Only_the_reusable_policies_the_chosen_applications_use_are_exported_with_them()
    {
        var first = Reusable("Corporate SSO");
        var second = Reusable("Break glass");
        var scope = Scope([first, second], Some.App("Grafana", Some.Attached(first, 1)), Some.App("Wiki", Some.Attached(second, 1)), Some.App("Admin", Some.Attached(first, 1)));

        var result = Exporter.Export(scope, ExportOptions.Default with { Applications = ["Grafana"], WriteRootConfig = false, WriteSchema = false });

        result.Problems.ShouldBeEmpty();
        result.Files.Select(f => f.RelativePath).ShouldBe(["apps/grafana.yaml", "reusable/corporate-sso.yaml"]);
        File(result, "reusable/corporate-sso.yaml").ShouldContain("; attached to \"Admin\", \"Grafana\".\n");
    }

    [Test]
    public void A_reusable_policy_no_file_can_describe_is_a_problem_while_the_applications_that_use_it_are_written()
    {
        var odd = Reusable("Future rules", include: """[{"quantum_entanglement":{"pair":"a"}}]""");
        var scope = Scope([odd], Some.App("Grafana", Some.Policy("A", 1), Some.Attached(odd, 2)));

        var result = Exporter.Export(scope, ExportOptions.Default);

        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Subject.ShouldBe($"reusable policy Future rules ({odd.Id})");
        problem.Message.ShouldStartWith("AccessSync cannot write it as a file that loads and plans: reusable/future-rules.yaml:");
        result.Files.Select(f => f.RelativePath).ShouldNotContain("reusable/future-rules.yaml");
        File(result, "apps/grafana.yaml").ShouldEndWith("  - use: Future rules\n");
        ExportedTree.Plan(result.Files, new LiveState([scope])).Applications.ShouldHaveSingleItem().HasChanges.ShouldBeFalse("the use entry finds the live policy");
    }

    [Test]
    public void Reusable_policy_files_are_named_by_their_names_told_apart_by_id()
    {
        var a = Reusable("Allow: staff") with { Id = "aaaaaaaa-0000-4000-8000-000000000001" };
        var b = Reusable("allow staff!") with { Id = "bbbbbbbb-0000-4000-8000-000000000002" };
        var c = Reusable("日本");

        var paths = Exporter.Export(Scope([a, b, c]), ExportOptions.Default).Files.Select(f => f.RelativePath).Where(p => p.StartsWith("reusable/", StringComparison.Ordinal));

        paths.ShouldBe(["reusable/allow-staff-aaaaaaaa-0000-4000-8000-000000000001.yaml", "reusable/allow-staff-bbbbbbbb-0000-4000-8000-000000000002.yaml", "reusable/policy.yaml"]);
    }

    [Test]
    public void Reusable_policies_whose_names_differ_only_in_case_are_used_by_id_and_reported_not_written()
    {
        var upper = Reusable("Corporate SSO");
        var lower = Reusable("corporate sso");
        var scope = Scope([upper, lower], Some.App("Grafana", Some.Attached(upper, 1)), Some.App("Wiki", Some.Attached(lower, 1)));

        var result = Exporter.Export(scope, ExportOptions.Default);

        result.Problems.Select(p => p.Subject).ShouldBe([$"reusable policy Corporate SSO ({upper.Id})", $"reusable policy corporate sso ({lower.Id})"]);
        result.Problems[0].Message.ShouldContain($"`corporate sso` ({lower.Id}) has the same name in some letter case");
        result.Files.Select(f => f.RelativePath).ShouldNotContain(p => p.StartsWith("reusable/", StringComparison.Ordinal));
        File(result, "apps/grafana.yaml").ShouldEndWith($"  - use: {upper.Id}\n");
        File(result, "apps/wiki.yaml").ShouldEndWith($"  - use: {lower.Id}\n");
        var plan = ExportedTree.Plan(result.Files, new LiveState([scope]));
        plan.Applications.ShouldAllBe(a => !a.HasChanges);
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
    public void The_account_goes_in_each_reusable_policy_file_too_when_the_folder_config_does_not_name_it()
    {
        var reusable = Reusable("Corporate SSO");
        var scope = Scope([reusable], Some.App("Grafana", Some.Attached(reusable, 1)));

        var result = Exporter.Export(scope, ExportOptions.Default with { ScopeInFiles = true, WriteRootConfig = false });

        File(result, "reusable/corporate-sso.yaml").ShouldContain($"\nkind: reusable-policy\naccount_id: {Some.Account.Id}\npolicy:\n");
        ExportedTree.Plan(result.Files, new LiveState([scope])).HasChanges.ShouldBeFalse();
    }

    [Test]
    public void A_name_in_a_comment_cannot_end_its_line()
    {
        var reusable = Some.Policy("{\"id\":\"55555555-5555-4555-8555-555555555555\",\"name\":\"x\\npolicies: []\",\"decision\":\"allow\",\"include\":[{\"everyone\":{}}]}", reusable: true);
        var scope = Scope([reusable], Some.App("Evil\u2028policies: []\u0085\u001b[31m", Some.Policy("A", 1), Some.Attached(reusable, 2)));

        var result = Exporter.Export(scope, ExportOptions.Default);

        result.Problems.ShouldBeEmpty();
        var text = result.Files.Single(f => f.RelativePath.StartsWith("apps/", StringComparison.Ordinal)).Text;
        text.ShouldContain("application \"Evil\\u2028policies: []\\u0085\\u001B[31m\"");
        text.Split('\n').Count(l => l.StartsWith("policies:", StringComparison.Ordinal)).ShouldBe(1);
        var reusableText = result.Files.Single(f => f.RelativePath.StartsWith("reusable/", StringComparison.Ordinal)).Text;
        reusableText.ShouldContain("reusable policy \"x\\u000Apolicies: []\"");
        reusableText.ShouldContain("; attached to \"Evil\\u2028policies: []\\u0085\\u001B[31m\".\n");
        reusableText.Split('\n').Count(l => l.StartsWith("policy:", StringComparison.Ordinal)).ShouldBe(1);
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
    public void A_reusable_policy_a_file_of_the_folder_defines_under_another_path_is_skipped_and_used_rather_than_written_inline()
    {
        var shared = Reusable("Corporate SSO");
        var owned = Reusable("[Wiki] Allow staff");
        var samePath = Reusable("Break glass");
        var scope = Scope([shared, owned, samePath], Some.App("Grafana", Some.Attached(shared, 1)), Some.App("Wiki", Some.Attached(owned, 1)));
        var options = ExportOptions.Default with
        {
            AlreadyDefined = [new("corporate sso", "reusable/sso.yaml"), new("[Wiki] Allow staff", "reusable/wiki.yaml"), new("Break glass", "reusable/break-glass.yaml")],
        };

        var result = Exporter.Export(scope, options);

        result.Problems.ShouldBeEmpty();
        result.Skipped.Select(s => s.ToString()).ShouldBe(
        [
            $"reusable policy Corporate SSO ({shared.Id}): already defined by reusable/sso.yaml; not exported",
            $"reusable policy [Wiki] Allow staff ({owned.Id}): already defined by reusable/wiki.yaml; not exported",
        ]);
        result.Files.Select(f => f.RelativePath).Where(p => p.StartsWith("reusable/", StringComparison.Ordinal)).ShouldBe(["reusable/break-glass.yaml"], "a file of the same path is the one export never replaces unless forced");
        File(result, "apps/wiki.yaml").ShouldEndWith("policies:\n  - use: '[Wiki] Allow staff'\n");
    }

    [Test]
    public void An_application_gets_the_same_file_name_whether_it_is_exported_alone_or_with_the_others()
    {
        var scope = Scope(Some.App("Grafana", "grafana.example.com"), Some.App("grafana", "grafana.example.org"));

        var alone = Exporter.Export(scope, ExportOptions.Default with { Applications = ["grafana.example.org"] });

        alone.Files.Select(f => f.RelativePath).ShouldContain("apps/grafana-grafana-example-org.yaml");
    }
}
