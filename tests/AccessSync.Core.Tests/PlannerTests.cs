using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Review;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

public class PlannerTests
{
    private const string Grafana = "app: {name: Grafana}\npolicies:\n";

    [Test]
    public void Live_equal_to_the_file_plans_no_change()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1)));

        var plan = Some.Plan(Some.Project(Grafana + "  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), live);

        plan.HasChanges.ShouldBeFalse();
        plan.Summary.ToString().ShouldBe("Plan: 0 to create, 0 to update, 0 to delete, 0 to reorder.");
    }

    [Test]
    public void A_policy_only_the_file_has_is_created_with_names_resolved_to_ids()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Kept", 2)));

        var change = Some.Changes(Some.Project(Grafana + "  - {name: Allow devs, decision: allow, include: [{group: developers}], require: [{login_method: Okta}]}\n  - {name: Kept, decision: allow, include: [{group: Developers}]}\n"), live)
            .ShouldHaveSingleItem().ShouldBeOfType<CreatePolicy>();

        change.Desired.Precedence.ShouldBe(1);
        change.Desired.Fields["include"].ShouldBe($$$"""[{"group":{"id":"{{{Some.DevelopersId}}}"}}]""");
        change.Desired.Fields["require"].ShouldBe($$$"""[{"login_method":{"id":"{{{Some.OktaId}}}"}}]""");
    }

    [Test]
    public void A_changed_field_is_an_update_with_its_before_and_after()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1, extra: "\"session_duration\":\"24h\"")));

        var update = Some.Changes(Some.Project(Grafana + "  - {name: Allow devs, decision: allow, include: [{group: Developers}], session_duration: 8h}\n"), live)
            .ShouldHaveSingleItem().ShouldBeOfType<UpdatePolicy>();

        update.PolicyId.ShouldBe(Some.IdFor("Allow devs"));
        update.Fields.ShouldBe([new FieldChange("session_duration", "\"24h\"", "\"8h\"")]);
    }

    [Test]
    public void Equal_values_in_other_spellings_are_no_change()
    {
        var live = Some.Live(Some.App(
            "Grafana",
            Some.Policy("Allow devs", 1, include: $$$"""[{"email":{"email":"Ada@Example.com"}},{"group":{"id":"{{{Some.DevelopersId}}}"}}]""", extra: "\"session_duration\":\"1440m\",\"isolation_required\":null")));

        var plan = Some.Plan(
            Some.Project(Grafana + "  - {name: Allow devs, decision: allow, include: [{group: Developers}, {email: ada@example.com}, {email: ada@example.com}], session_duration: 24h, isolation_required: false, exclude: []}\n"),
            live);

        plan.HasChanges.ShouldBeFalse();
    }

    [Test]
    public void A_field_the_file_leaves_out_is_never_a_difference()
    {
        var live = Some.Live(Some.App(
            "Grafana",
            Some.Policy("Allow devs", 1, extra: "\"session_duration\":\"30m\",\"approval_required\":true,\"mfa_config\":{\"mfa_disabled\":true},\"require\":[{\"geo\":{\"country_code\":\"US\"}}],\"x_future_field\":42")));

        var plan = Some.Plan(Some.Project(Grafana + "  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), live);

        plan.HasChanges.ShouldBeFalse();
    }

    [Test]
    public void One_setting_of_a_nested_object_is_managed_alone()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1, extra: "\"mfa_config\":{\"mfa_disabled\":false,\"session_duration\":\"24h\"}")));

        var update = Some.Changes(Some.Project(Grafana + "  - {name: Allow devs, decision: allow, include: [{group: Developers}], mfa_config: {allowed_authenticators: [totp]}}\n"), live)
            .ShouldHaveSingleItem().ShouldBeOfType<UpdatePolicy>();

        update.Fields.Select(f => f.Path).ShouldBe(["mfa_config.allowed_authenticators"]);
    }

    [Test]
    public void A_live_policy_no_file_lists_is_deleted_when_pruning()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1), Some.Policy("Old rule", 2, decision: "deny")));

        var changes = Some.Changes(Some.Project(Grafana + "  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), live);

        var delete = changes.ShouldHaveSingleItem().ShouldBeOfType<DeletePolicy>();
        delete.Name.ShouldBe("Old rule");
        delete.Decision.ShouldBe(Decision.Deny);
        delete.Before["name"].ShouldBe("\"Old rule\"");
    }

    [Test]
    public void Without_pruning_a_live_policy_no_file_lists_is_kept_and_reported()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1), Some.Policy("Break glass", 9)));

        var plan = Some.Plan(Some.Project(Grafana.Replace("policies:", "prune: false\npolicies:") + "  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), live);

        plan.HasChanges.ShouldBeFalse();
        plan.Applications[0].Unmanaged.ShouldHaveSingleItem().Name.ShouldBe("Break glass");
    }

    [Test]
    public void A_kept_policy_s_precedence_cannot_be_taken()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Break glass", 1)));

        var result = Planner.Compute(Some.Project(Grafana.Replace("policies:", "prune: false\npolicies:") + "  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), live, PlanOptions.All);

        result.Plan.ShouldBeNull();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCodes.PrecedenceTaken);
        error.Span.ToString().ShouldBe("apps/app1.yaml:4:5");
        error.Message.ShouldContain("`Break glass`");
    }

    [Test]
    public void A_new_list_order_is_a_reorder_of_precedences_only()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("A", 1), Some.Policy("B", 2)));

        var reorder = Some.Changes(Some.Project(Grafana + "  - {name: B, decision: allow, include: [{group: Developers}]}\n  - {name: A, decision: allow, include: [{group: Developers}]}\n"), live)
            .ShouldHaveSingleItem().ShouldBeOfType<ReorderPolicies>();

        reorder.Moves.Select(m => (m.PolicyName, m.From, m.To)).ShouldBe([("B", 2, 1), ("A", 1, 2)]);
    }

    [Test]
    public void A_reorder_that_puts_an_allow_before_a_deny_is_flagged_as_widening_access()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Block", 1, "deny"), Some.Policy("Allow", 2)));

        var plan = Some.Plan(Some.Project(Grafana + "  - {name: Allow, decision: allow, include: [{group: Developers}]}\n  - {name: Block, decision: deny, include: [{group: Developers}]}\n"), live);

        var reorder = plan.Applications[0].Changes.ShouldHaveSingleItem().ShouldBeOfType<ReorderPolicies>();
        reorder.Overtakes.ShouldBe([new Overtake("Allow", "Block")]);
        var widening = Reviewed.Widenings(plan).ShouldHaveSingleItem();
        widening.Kind.ShouldBe(WideningKind.Overtakes);
        widening.Reason.ShouldBe("allow \"Allow\" now comes before deny \"Block\": what both match is now let in");
    }

    [Test]
    public void A_reorder_that_puts_a_deny_first_narrows_and_is_not_flagged()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Allow", 1), Some.Policy("Block", 2, "deny"), Some.Policy("Bypass", 3, "bypass")));

        var plan = Some.Plan(Some.Project(Grafana + "  - {name: Bypass, decision: bypass, include: [{group: Developers}]}\n  - {name: Block, decision: deny, include: [{group: Developers}]}\n  - {name: Allow, decision: allow, include: [{group: Developers}]}\n"), live);

        plan.Applications[0].Changes.ShouldHaveSingleItem().ShouldBeOfType<ReorderPolicies>().Overtakes.ShouldBeEmpty();
        Reviewed.Widenings(plan).ShouldBeEmpty();
    }

    [Test]
    public void An_explicit_id_matches_across_a_rename()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Old name", 1)));

        var update = Some.Changes(Some.Project(Grafana + $"  - {{name: New name, id: {Some.IdFor("Old name")}, decision: allow, include: [{{group: Developers}}]}}\n"), live)
            .ShouldHaveSingleItem().ShouldBeOfType<UpdatePolicy>();

        update.Fields.ShouldBe([new FieldChange("name", "\"Old name\"", "\"New name\"")]);
    }

    [Test]
    public void Names_match_in_any_letter_case_when_no_exact_name_does()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("allow devs", 1)));

        var update = Some.Changes(Some.Project(Grafana + "  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), live)
            .ShouldHaveSingleItem().ShouldBeOfType<UpdatePolicy>();

        update.Fields.ShouldBe([new FieldChange("name", "\"allow devs\"", "\"Allow devs\"")]);
    }

    [Test]
    public void A_reusable_policy_the_file_does_not_use_is_detached_and_when_nothing_uses_it_deleted()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1), Some.Reusable("Shared", 5, decision: "deny")));

        var plan = Some.Plan(Some.Project(Grafana + "  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), live);

        var detach = plan.Applications[0].Changes.ShouldHaveSingleItem().ShouldBeOfType<DetachPolicy>();
        (detach.PolicyId, detach.Name, detach.Decision, detach.Precedence).ShouldBe((Some.IdFor("Shared"), "Shared", Decision.Deny, 5));
        var reusable = plan.Reusable.ShouldHaveSingleItem();
        reusable.Change.ShouldBeOfType<DeletePolicy>().PolicyId.ShouldBe(Some.IdFor("Shared"));
        reusable.Apps.ShouldBe(["Grafana"]);
        plan.Summary.ToString().ShouldBe("Plan: 0 to create, 0 to update, 1 to delete, 0 to reorder, 0 to attach, 1 to detach.");
    }

    [Test]
    public void Without_pruning_a_reusable_policy_the_file_does_not_use_stays_attached_and_is_reported()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1), Some.Reusable("Shared", 5)));

        var plan = Some.Plan(Some.Project(Grafana.Replace("policies:", "prune: false\npolicies:") + "  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), live);

        plan.HasChanges.ShouldBeFalse();
        plan.Applications[0].Unmanaged.ShouldHaveSingleItem().IsReusable.ShouldBeTrue();
        plan.Reusable.ShouldBeEmpty();
    }

    [Test]
    public void A_new_policy_named_like_an_attached_reusable_policy_is_an_error_at_the_policy()
    {
        var reusable = Some.Policy($$"""{"id":"{{Some.IdFor("Shared")}}","name":"Shared baseline","decision":"allow","include":[],"precedence":5}""", reusable: true);
        var live = Some.Live(Some.App("Grafana", reusable));

        var result = Planner.Compute(Some.Project(Grafana + "  - {name: shared baseline, decision: allow, include: [{group: Developers}]}\n"), live, PlanOptions.All);

        result.Plan.ShouldBeNull();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCodes.ReusableNameTaken);
        error.Span.ToString().ShouldBe("apps/app1.yaml:3:5");
    }

    [Test]
    public void Changes_are_listed_deletes_then_creates_then_updates_then_reorder()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Gone", 1), Some.Policy("Kept", 3, extra: "\"session_duration\":\"1h\"")));

        var changes = Some.Changes(
            Some.Project(Grafana + "  - {name: New, decision: deny, include: [{geo: RU}]}\n  - {name: Kept, decision: allow, include: [{group: Developers}], session_duration: 2h}\n"),
            live);

        changes.Select(c => c.Kind).ShouldBe([ChangeKind.Delete, ChangeKind.Create, ChangeKind.Update, ChangeKind.Reorder]);
    }

    [TestCase("app: {name: Grafna}", "no Access application is named `Grafna`; known: `Grafana`")]
    [TestCase("app: {domain: nope.example.com}", "no Access application has the domain `nope.example.com`")]
    [TestCase("app: {id: 00000000-0000-4000-8000-000000000000}", "no Access application has the id `00000000-0000-4000-8000-000000000000`")]
    public void An_application_that_is_not_live_is_an_error_at_its_reference(string app, string message)
    {
        var result = Planner.Compute(Some.Project(app + "\npolicies: [{name: P, decision: deny, include: [{geo: US}]}]\n"), Some.Live(Some.App("Grafana")), PlanOptions.All);

        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCodes.UnknownApplication);
        error.Message.ShouldStartWith(message);
        error.Span.Line.ShouldBe(1);
    }

    [Test]
    public void Two_applications_of_one_name_are_ambiguous_and_listed()
    {
        var live = Some.Live(Some.App("Grafana", "a.example.com"), Some.App("Grafana", "b.example.com"));

        var result = Planner.Compute(Some.Project("app: {name: Grafana}\npolicies: [{name: P, decision: deny, include: [{geo: US}]}]\n"), live, PlanOptions.All);

        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCodes.AmbiguousApplication);
        error.Message.ShouldContain("2 Access applications are named `Grafana`");
    }

    [Test]
    public void An_unknown_group_name_is_an_error_at_the_rule_with_the_nearest_names()
    {
        var result = Planner.Compute(Some.Project(Grafana + "  - name: P\n    decision: allow\n    include:\n      - group: Developer\n"), Some.Live(Some.App("Grafana")), PlanOptions.All);

        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCodes.UnknownReference);
        error.Span.ToString().ShouldBe("apps/app1.yaml:6:9");
        error.Message.ShouldStartWith("no Access group is named `Developer`; known: `Developers`, `Contractors`");
    }

    [Test]
    public void Targets_limit_the_plan_to_the_named_applications()
    {
        var live = Some.Live(Some.App("Grafana"), Some.App("Wiki"));
        var project = Some.Project(
            Grafana + "  - {name: P, decision: deny, include: [{geo: US}]}\n",
            "app: {name: Wiki}\npolicies: [{name: P, decision: deny, include: [{geo: US}]}]\n");

        var plan = Planner.Compute(project, live, new PlanOptions(["wiki.example.com"])).Plan!;

        plan.Applications.ShouldHaveSingleItem().App.Name.ShouldBe("Wiki");
    }

    [Test]
    public void A_target_that_names_no_application_of_the_files_is_reported()
    {
        var live = Some.Live(Some.App("Grafana"), Some.App("Wiki"));
        var project = Some.Project(Grafana + "  - {name: P, decision: deny, include: [{geo: US}]}\n");

        var result = Planner.Compute(project, live, new PlanOptions(["grafana", "Wiki", "nope.example.com"]));

        result.Plan!.Applications.ShouldHaveSingleItem().App.Name.ShouldBe("Grafana");
        result.UnmatchedTargets.ShouldBe(["Wiki", "nope.example.com"]);
    }

    [Test]
    public void The_same_inputs_give_an_equal_plan()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Gone", 1), Some.Policy("Kept", 2)));
        var project = Some.Project(Grafana + "  - {name: New, decision: deny, include: [{geo: RU}]}\n  - {name: Kept, decision: allow, include: [{group: Developers}]}\n");

        var first = Some.Plan(project, live);
        var second = Some.Plan(project, live);

        System.Text.Json.JsonSerializer.Serialize(second.Applications.Single().Changes.Cast<object>())
            .ShouldBe(System.Text.Json.JsonSerializer.Serialize(first.Applications.Single().Changes.Cast<object>()));
    }
}
