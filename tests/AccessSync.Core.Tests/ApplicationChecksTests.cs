using AccessSync.Core.Diagnostics;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

public class ApplicationChecksTests
{
    [Test]
    public void Two_policies_with_the_same_name_in_any_letter_case_are_an_error_at_the_second()
    {
        var d = Load.SingleDiagnostic("""
            app: {name: A}
            policies:
              - {name: Allow devs, decision: deny, include: [{geo: US}]}
              - {name: allow DEVS, decision: deny, include: [{geo: CA}]}
            """);

        d.Code.ShouldBe(DiagnosticCodes.DuplicatePolicyName);
        d.Span.ShouldBe(new SourceSpan(Load.Path, 4, 12));
        d.Message.ShouldBe("policy name `allow DEVS` is already used at line 3; each policy of an application needs its own name");
    }

    [TestCase(3, TestName = "A short list")]
    [TestCase(40, TestName = "A long list")]
    public void Each_later_policy_with_a_name_already_used_is_an_error_that_points_to_the_first(int policies)
    {
        var lines = Enumerable.Range(1, policies).Select(i => $"  - {{name: P{i}, decision: deny, include: [{{email: p{i}@example.com}}], precedence: {i}}}");
        var yaml = "app: {name: A}\npolicies:\n" + string.Join("\n", lines)
            + $"\n  - {{name: p2, decision: deny, include: [{{geo: CA}}], precedence: {policies + 1}}}"
            + $"\n  - {{name: P2, decision: deny, include: [{{geo: GB}}], precedence: {policies + 2}}}\n";

        var found = Load.Application(yaml).Diagnostics;

        found.Select(d => (d.Code, d.Span.Line, d.Message)).ShouldBe(
        [
            (DiagnosticCodes.DuplicatePolicyName, policies + 3, "policy name `p2` is already used at line 4; each policy of an application needs its own name"),
            (DiagnosticCodes.DuplicatePolicyName, policies + 4, "policy name `P2` is already used at line 4; each policy of an application needs its own name"),
        ]);
    }

    [Test]
    public void An_explicit_precedence_that_another_policy_has_by_position_is_an_error_at_the_precedence()
    {
        var d = Load.SingleDiagnostic("""
            app: {name: A}
            policies:
              - {name: First, decision: deny, include: [{geo: US}]}
              - {name: Second, decision: deny, include: [{geo: CA}], precedence: 1}
            """);

        d.Code.ShouldBe(DiagnosticCodes.DuplicatePrecedence);
        d.Span.ShouldBe(new SourceSpan(Load.Path, 4, 70));
        d.Message.ShouldBe("precedence 1 is also given to `First` (line 3, by its position in the list); precedences must be unique within an application");
    }

    [Test]
    public void Two_equal_explicit_precedences_are_reported_at_both()
    {
        var diagnostics = Load.Application("""
            app: {name: A}
            policies:
              - {name: One, decision: deny, include: [{geo: US}], precedence: 7}
              - {name: Two, decision: deny, include: [{geo: CA}], precedence: 7}
            """).Diagnostics;

        diagnostics.Select(d => (d.Code, d.Span.Line)).ShouldBe([(DiagnosticCodes.DuplicatePrecedence, 3), (DiagnosticCodes.DuplicatePrecedence, 4)]);
    }

    [Test]
    public void Explicit_precedences_that_do_not_collide_are_accepted()
    {
        Load.Application("""
            app: {name: A}
            policies:
              - {name: One, decision: deny, include: [{geo: US}], precedence: 10}
              - {name: Two, decision: deny, include: [{geo: CA}], precedence: 20}
            """).Diagnostics.ShouldBeEmpty();
    }

    [Test]
    public void An_application_with_no_policies_is_a_warning_at_the_list()
    {
        var d = Load.SingleDiagnostic("app: {name: Wiki}\npolicies: []\n");

        d.Severity.ShouldBe(Severity.Warning);
        d.Code.ShouldBe(DiagnosticCodes.NoPolicies);
        d.Span.ShouldBe(new SourceSpan(Load.Path, 2, 11));
    }

    [Test]
    public void An_application_that_only_uses_reusable_policies_has_no_warning()
    {
        Load.Application("app: {name: Wiki}\npolicies:\n  - use: Allow developers\n").Diagnostics.ShouldBeEmpty();
    }

    [Test]
    public void A_use_entry_naming_a_policy_no_file_defines_is_accepted()
    {
        // It may name a reusable policy that is only live; the planner resolves it against the account.
        var result = Load.Project(("apps/wiki.yaml", "app: {name: Wiki}\npolicies:\n  - use: Live only\n"));

        result.Diagnostics.ShouldBeEmpty();
        result.Value!.ReusablePolicies.ShouldBeEmpty();
    }

    [Test]
    public void Two_use_entries_for_one_name_in_any_letter_case_are_an_error_at_the_second()
    {
        var d = Load.SingleDiagnostic("""
            app: {name: A}
            policies:
              - use: Allow developers
              - {name: Block contractors, decision: deny, include: [{geo: US}]}
              - use: allow DEVELOPERS
            """);

        d.ShouldBeError(DiagnosticCodes.DuplicatePolicyName, new SourceSpan(Load.Path, 5, 10), "policy name `allow DEVELOPERS` is already used at line 3; each policy of an application needs its own name");
    }

    [Test]
    public void A_use_entry_named_like_an_own_policy_is_an_error_at_the_later_of_the_two()
    {
        var d = Load.SingleDiagnostic("""
            app: {name: A}
            policies:
              - use: Allow developers
              - {name: Allow Developers, decision: allow, include: [{geo: US}]}
            """);

        d.ShouldBeError(DiagnosticCodes.DuplicatePolicyName, new SourceSpan(Load.Path, 4, 12), "policy name `Allow Developers` is already used at line 3; each policy of an application needs its own name");
    }

    [Test]
    public void An_explicit_precedence_that_a_use_entry_has_by_position_is_an_error()
    {
        var d = Load.SingleDiagnostic("""
            app: {name: A}
            policies:
              - use: Allow developers
              - {name: Second, decision: deny, include: [{geo: CA}], precedence: 1}
            """);

        d.ShouldBeError(DiagnosticCodes.DuplicatePrecedence, new SourceSpan(Load.Path, 4, 70), "precedence 1 is also given to `Allow developers` (line 3, by its position in the list); precedences must be unique within an application");
    }

    [Test]
    public void A_use_entry_s_explicit_precedence_that_collides_is_an_error_at_that_precedence()
    {
        var d = Load.SingleDiagnostic("""
            app: {name: A}
            policies:
              - {name: First, decision: deny, include: [{geo: US}]}
              - use: Allow developers
                precedence: 1
            """);

        d.ShouldBeError(DiagnosticCodes.DuplicatePrecedence, new SourceSpan(Load.Path, 5, 17), "precedence 1 is also given to `First` (line 3, by its position in the list); precedences must be unique within an application");
    }

    [Test]
    public void An_allow_policy_for_everyone_with_no_require_is_a_warning_at_the_everyone_rule()
    {
        var d = Load.SingleDiagnostic(Load.WithPolicy("decision: allow\ninclude:\n  - geo: US\n  - everyone: true"));

        d.Severity.ShouldBe(Severity.Warning);
        d.Code.ShouldBe(DiagnosticCodes.AllowsEveryone);
        d.Span.ShouldBe(new SourceSpan(Load.Path, 8, 9));
    }

    [TestCase("decision: allow\ninclude: [{everyone: true}]\nrequire: [{geo: US}]")]
    [TestCase("decision: deny\ninclude: [{everyone: true}]")]
    [TestCase("decision: bypass\ninclude: [{ip: 192.0.2.0/24}]")]
    public void Everyone_is_not_flagged_when_narrowed_or_not_allowed(string body)
    {
        Load.Application(Load.WithPolicy(body)).Diagnostics.ShouldBeEmpty();
    }

    [Test]
    public void Both_account_id_and_zone_id_in_one_file_is_an_error_at_zone_id()
    {
        var d = Load.SingleDiagnostic("app: {name: A}\naccount_id: 0123456789abcdef0123456789abcdef\nzone_id: 0123456789abcdef0123456789abcdef\npolicies:\n  - {name: P, decision: deny, include: [{geo: US}]}\n");

        d.Code.ShouldBe(DiagnosticCodes.ConflictingScope);
        d.Span.ShouldBe(new SourceSpan(Load.Path, 3, 1));
    }

    [Test]
    public void Two_files_for_the_same_application_in_the_same_scope_are_an_error_at_the_second()
    {
        var result = Load.Project(
            ("a.yaml", "app: {name: Grafana}\npolicies: [{name: P, decision: deny, include: [{geo: US}]}]\n"),
            ("b.yaml", "app: {name: GRAFANA}\npolicies: [{name: P, decision: deny, include: [{geo: US}]}]\n"));

        var d = result.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCodes.DuplicateApplication);
        d.Span.ShouldBe(new SourceSpan("b.yaml", 1, 13));
        d.Message.ShouldBe("application name GRAFANA is already managed by a.yaml; one application, one file");
        result.Value.ShouldBeNull();
    }

    [Test]
    public void The_same_application_name_in_two_scopes_is_two_applications()
    {
        var result = Load.Project(
            ("a.yaml", "app: {name: Grafana}\naccount_id: 0123456789abcdef0123456789abcdef\npolicies: [{name: P, decision: deny, include: [{geo: US}]}]\n"),
            ("b.yaml", "app: {name: Grafana}\nzone_id: 0123456789abcdef0123456789abcdef\npolicies: [{name: P, decision: deny, include: [{geo: US}]}]\n"));

        result.Diagnostics.ShouldBeEmpty();
        result.Value!.Applications.Length.ShouldBe(2);
    }

    [Test]
    public void Problems_in_several_files_are_all_reported_together()
    {
        var result = Load.Project(
            ("a.yaml", "app: {name: A}\npolicies: [{name: P, decision: permit, include: [{geo: US}]}]\n"),
            ("b.yaml", "app: [B]\n"));

        result.Diagnostics.Select(d => d.Span.Path).ShouldBe(["a.yaml", "b.yaml", "b.yaml"]);
    }

    [Test]
    public void A_policy_after_a_bypass_of_everyone_can_never_decide_even_at_a_lower_precedence_number()
    {
        var d = Load.SingleDiagnostic("""
            app: {name: A}
            policies:
              - {name: Allow devs, decision: allow, include: [{group: Developers}]}
              - {name: Public, decision: bypass, include: [{everyone: {}}]}
            """);

        d.Code.ShouldBe(DiagnosticCodes.UnreachablePolicy);
        d.Severity.ShouldBe(Severity.Warning);
        d.Span.ShouldBe(new SourceSpan(Load.Path, 3, 12));
        d.Message.ShouldBe("policy `Allow devs` can never decide: `Public` (line 4), which Access evaluates first, matches every request (`everyone`, with no exclude or require)");
    }

    [Test]
    public void A_policy_with_the_very_same_rules_as_an_earlier_one_can_never_decide()
    {
        var d = Load.SingleDiagnostic("""
            app: {name: A}
            policies:
              - {name: Block contractors, decision: deny, include: [{group: Contractors}, {geo: KP}]}
              - {name: Allow contractors, decision: allow, include: [{geo: KP}, {group: Contractors}]}
            """);

        d.Code.ShouldBe(DiagnosticCodes.UnreachablePolicy);
        d.Span.Line.ShouldBe(4);
        d.Message.ShouldEndWith("`Block contractors` (line 3), which Access evaluates first, has the very same rules");
    }

    [TestCase(5, TestName = "Among a few policies")]
    [TestCase(40, TestName = "Among many policies")]
    public void Each_policy_with_the_very_same_rules_as_an_earlier_one_is_reported_once(int policies)
    {
        // Rules of the same kinds throughout, so that only the rules themselves tell the policies apart.
        var lines = Enumerable.Range(1, policies).Select(i => $"  - {{name: P{i}, decision: deny, include: [{{email: p{i}@example.com}}, {{geo: US}}]}}");
        var yaml = "app: {name: A}\npolicies:\n" + string.Join("\n", lines)
            + "\n  - {name: Again, decision: allow, include: [{geo: US}, {email: p2@example.com}]}"
            + "\n  - {name: Other, decision: allow, include: [{geo: US}, {email: other@example.com}]}"
            + "\n  - {name: Again last, decision: allow, include: [{email: p2@example.com}, {geo: US}]}\n";

        var found = Load.Application(yaml).Diagnostics;

        found.Select(d => (d.Code, d.Span.Line, d.Message)).ShouldBe(
        [
            (DiagnosticCodes.UnreachablePolicy, policies + 3, "policy `Again` can never decide: `P2` (line 4), which Access evaluates first, has the very same rules"),
            (DiagnosticCodes.UnreachablePolicy, policies + 5, "policy `Again last` can never decide: `P2` (line 4), which Access evaluates first, has the very same rules"),
        ]);
    }

    [Test]
    public void An_everyone_policy_narrowed_by_an_exclude_or_a_require_leaves_later_policies_reachable()
    {
        Load.Application("""
            app: {name: A}
            policies:
              - {name: Public, decision: bypass, include: [{everyone: {}}], exclude: [{geo: KP}]}
              - {name: Members, decision: allow, include: [{everyone: {}}], require: [{login_method: Okta}]}
              - {name: Devs, decision: allow, include: [{group: Developers}]}
            """).Diagnostics.ShouldBeEmpty();
    }
}
