using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.PlanFiles;
using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;
using AccessSync.Core.Review;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

/// <summary>Plans for reusable (account-level) policies: defined by files, used by applications, and owned by one.</summary>
public sealed class ReusablePlannerTests
{
    private const string Grafana = "app: {name: Grafana}\npolicies:\n";

    private const string AllowDevelopers = """
        kind: reusable-policy
        policy: {name: Allow developers, decision: allow, include: [{group: Developers}], session_duration: 8h}
        """;

    [Test]
    public void A_use_entry_attaches_a_live_reusable_policy_at_its_place_in_the_list()
    {
        var live = Some.Live([Some.Reusable("Allow developers")], Some.App("Grafana", Some.Policy("Block contractors", 1, decision: "deny")));

        var plan = Some.Plan(Some.Project(Grafana + "  - {name: Block contractors, decision: deny, include: [{group: Developers}]}\n  - use: Allow developers\n"), live);

        var attach = plan.Applications[0].Changes.ShouldHaveSingleItem().ShouldBeOfType<AttachPolicy>();
        (attach.PolicyId, attach.Name, attach.Decision, attach.Precedence).ShouldBe((Some.IdFor("Allow developers"), "Allow developers", Decision.Allow, 2));
        plan.Reusable.ShouldBeEmpty();
    }

    [Test]
    public void A_reusable_policy_a_file_defines_is_created_once_and_attached_to_every_application_that_uses_it()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Own", 1)), Some.App("Wiki", Some.Policy("Own", 1)));

        var plan = Some.Plan(
            Some.Project(
                Grafana + "  - {name: Own, decision: allow, include: [{group: Developers}]}\n  - use: allow developers\n",
                "app: {name: Wiki}\npolicies:\n  - use: Allow developers\n  - {name: Own, decision: allow, include: [{group: Developers}]}\n",
                AllowDevelopers),
            live);

        var reusable = plan.Reusable.ShouldHaveSingleItem();
        reusable.Change.ShouldBeOfType<CreatePolicy>().Desired.Fields["session_duration"].ShouldBe("\"8h\"");
        reusable.Apps.ShouldBe(["Grafana", "Wiki"]);
        reusable.FilePath.ShouldBe("apps/app3.yaml");
        plan.Applications
            .SelectMany(app => app.Changes.OfType<AttachPolicy>().Select(a => (app.App.Name, a.Name, a.PolicyId, a.Precedence)))
            .ShouldBe([("Grafana", "Allow developers", null, 2), ("Wiki", "Allow developers", null, 1)]);
        var renumbered = plan.Applications[1].Changes.OfType<ReorderPolicies>().ShouldHaveSingleItem();
        renumbered.Moves.ShouldHaveSingleItem().To.ShouldBe(2);
        renumbered.OrderKept.ShouldBeTrue("Wiki's own policy moves down one for the policy attached above it");
        plan.Summary.ToString().ShouldBe("Plan: 1 to create, 0 to update, 0 to delete, 0 to reorder, 2 to attach, 0 to detach.");
    }

    [Test]
    public void A_changed_reusable_policy_is_one_update_that_names_every_application_using_it_even_unmanaged_ones()
    {
        var live = Some.Live(
            Some.App("Grafana", Some.Reusable("Allow developers", 1, extra: "\"session_duration\":\"24h\"")),
            Some.App("Unmanaged", Some.Reusable("Allow developers", 3, extra: "\"session_duration\":\"24h\"")));

        var plan = Some.Plan(Some.Project(Grafana + "  - use: Allow developers\n", AllowDevelopers), live);

        plan.Applications.ShouldHaveSingleItem().HasChanges.ShouldBeFalse();
        var reusable = plan.Reusable.ShouldHaveSingleItem();
        reusable.Apps.ShouldBe(["Grafana", "Unmanaged"]);
        reusable.Change.ShouldBeOfType<UpdatePolicy>().Fields.ShouldBe([new FieldChange("session_duration", "\"24h\"", "\"8h\"")]);
    }

    [Test]
    public void A_reusable_policy_no_file_and_no_application_uses_is_deleted_when_pruning_and_only_reported_otherwise()
    {
        var live = Some.Live([Some.Reusable("Forgotten")], Some.App("Grafana", Some.Policy("Own", 1)));
        const string Own = "  - {name: Own, decision: allow, include: [{group: Developers}]}\n";

        var pruned = Some.Plan(Some.Project(Grafana + Own), live);
        var kept = Some.Plan(Some.Project(RootConfig.Default with { Prune = false }, Grafana + Own), live);

        pruned.Reusable.ShouldHaveSingleItem().Change.ShouldBeOfType<DeletePolicy>().Name.ShouldBe("Forgotten");
        var reported = kept.Reusable.ShouldHaveSingleItem();
        reported.Change.ShouldBeNull();
        reported.Apps.ShouldBeEmpty();
        kept.HasChanges.ShouldBeFalse();
    }

    [Test]
    public void A_reusable_policy_still_attached_to_an_application_no_file_manages_is_not_deleted()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Own", 1)), Some.App("Unmanaged", Some.Reusable("Shared", 1)));

        var plan = Some.Plan(Some.Project(Grafana + "  - {name: Own, decision: allow, include: [{group: Developers}]}\n"), live);

        plan.HasChanges.ShouldBeFalse();
        plan.Reusable.ShouldBeEmpty();
    }

    [Test]
    public void An_application_without_policies_of_its_own_gets_its_files_policies_as_reusable_policies_it_owns()
    {
        var live = Some.Live(Some.App("Grafana"));

        var plan = Some.Plan(Some.Project(Grafana + "  - {name: Block contractors, decision: deny, include: [{group: Contractors}]}\n  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), live);

        plan.Reusable.Select(r => (r.Name, r.Change!.Kind, r.FilePath)).ShouldBe(
        [
            ("[Grafana] Allow devs", ChangeKind.Create, "apps/app1.yaml"),
            ("[Grafana] Block contractors", ChangeKind.Create, "apps/app1.yaml"),
        ]);
        plan.Reusable[0].Change.ShouldBeOfType<CreatePolicy>().Desired.Fields["name"].ShouldBe("\"[Grafana] Allow devs\"");
        plan.Applications[0].Changes.OfType<AttachPolicy>().Select(a => (a.Name, a.Precedence)).ShouldBe([("[Grafana] Block contractors", 1), ("[Grafana] Allow devs", 2)]);
        plan.Applications[0].Changes.OfType<CreatePolicy>().ShouldBeEmpty();
    }

    [Test]
    public void Owned_policies_once_attached_plan_no_change()
    {
        var live = Some.Live(Some.App(
            "Grafana",
            Some.Reusable("[Grafana] Allow devs", 1)));

        var plan = Some.Plan(Some.Project(Grafana + "  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), live);

        plan.HasChanges.ShouldBeFalse();
    }

    [Test]
    public void An_attached_reusable_policy_that_moves_in_the_list_is_reordered()
    {
        var live = Some.Live(Some.App("Grafana", Some.Reusable("Allow developers", 1), Some.Policy("Block contractors", 2, decision: "deny")));

        var plan = Some.Plan(Some.Project(Grafana + "  - {name: Block contractors, decision: deny, include: [{group: Developers}]}\n  - use: Allow developers\n"), live);

        var reorder = plan.Applications[0].Changes.ShouldHaveSingleItem().ShouldBeOfType<ReorderPolicies>();
        reorder.Moves.Select(m => (m.PolicyName, m.From, m.To)).ShouldBe([("Block contractors", 2, 1), ("Allow developers", 1, 2)]);
    }

    [Test]
    public void A_use_entry_naming_no_reusable_policy_is_an_error_at_the_entry_with_the_nearest_names()
    {
        var live = Some.Live([Some.Reusable("Allow developers")], Some.App("Grafana", Some.Policy("Own", 1)));

        var result = Planner.Compute(Some.Project(Grafana + "  - {name: Own, decision: allow, include: [{group: Developers}]}\n  - use: Allow developer\n"), live, PlanOptions.All);

        result.Plan.ShouldBeNull();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCodes.UnknownReusablePolicy);
        error.Span.ToString().ShouldBe("apps/app1.yaml:4:10");
        error.Message.ShouldContain("`Allow developers`");
    }

    [Test]
    public void A_zone_application_cannot_use_a_reusable_policy()
    {
        var zone = Scope.Zone("0123456789abcdef0123456789abcdef");
        var app = Some.App("Grafana", Some.Policy("Own", 1)) with { Scope = zone };
        var live = new Live.LiveState([new Live.LiveScope(zone, [app], [], [], [], [])]);

        var result = Planner.Compute(Some.Project($"zone_id: {zone.Id}\n" + Grafana + "  - use: Allow developers\n"), live, PlanOptions.All);

        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCodes.ReusableNeedsAccount);
        error.Span.ToString().ShouldBe("apps/app1.yaml:4:10");
        error.Message.ShouldBe($"`use: Allow developers`: reusable policies belong to accounts, and this application is in {zone}; write the policy out in the file instead");
    }

    [Test]
    public void A_reusable_policy_file_that_names_a_live_id_renames_that_policy_rather_than_creating_another()
    {
        var live = Some.Live([Some.Reusable("Old name")], Some.App("Grafana", Some.Policy("Own", 1)));
        var file = $"kind: reusable-policy\npolicy: {{name: Allow developers, id: {Some.IdFor("Old name")}, decision: allow, include: [{{group: Developers}}]}}\n";

        var plan = Some.Plan(Some.Project(Grafana + "  - {name: Own, decision: allow, include: [{group: Developers}]}\n", file), live);

        var update = plan.Reusable.ShouldHaveSingleItem().Change.ShouldBeOfType<UpdatePolicy>();
        update.PolicyId.ShouldBe(Some.IdFor("Old name"));
        update.Fields.ShouldBe([new FieldChange("name", "\"Old name\"", "\"Allow developers\"")]);
    }

    [Test]
    public void A_reusable_policy_file_that_names_an_id_the_account_does_not_have_is_an_error_at_the_policy()
    {
        var live = Some.Live([Some.Reusable("Old name")], Some.App("Grafana", Some.Policy("Own", 1)));
        var file = "kind: reusable-policy\npolicy: {name: Allow developers, id: 00000000-0000-4000-8000-000000000999, decision: allow, include: [{group: Developers}]}\n";

        var result = Planner.Compute(Some.Project(Grafana + "  - {name: Own, decision: allow, include: [{group: Developers}]}\n", file), live, PlanOptions.All);

        result.Plan.ShouldBeNull();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCodes.PolicyIdNotFound);
        error.Span.Path.ShouldBe("apps/app2.yaml");
        error.Message.ShouldStartWith("reusable policy `Allow developers` names the id 00000000-0000-4000-8000-000000000999, but");
    }

    [Test]
    public void A_policy_a_file_moves_to_reusable_is_converted_keeping_its_id_rather_than_copied_and_deleted()
    {
        var live = Some.Live(
            Some.App("Grafana", Some.Policy("Block contractors", 1, decision: "deny"), Some.Policy("Allow developers", 2, extra: "\"session_duration\":\"24h\"")),
            Some.App("Wiki", Some.Policy("Own", 1)));

        var plan = Some.Plan(
            Some.Project(
                Grafana + "  - {name: Block contractors, decision: deny, include: [{group: Developers}]}\n  - use: Allow developers\n",
                "app: {name: Wiki}\npolicies:\n  - {name: Own, decision: allow, include: [{group: Developers}]}\n  - use: Allow developers\n",
                AllowDevelopers),
            live);

        var reusable = plan.Reusable.ShouldHaveSingleItem();
        reusable.ConvertedFrom!.Name.ShouldBe("Grafana");
        var update = reusable.Change.ShouldBeOfType<UpdatePolicy>();
        update.PolicyId.ShouldBe(Some.IdFor("Allow developers"));
        update.Fields.ShouldBe([new FieldChange("session_duration", "\"24h\"", "\"8h\"")]);
        reusable.Apps.ShouldBe(["Grafana", "Wiki"]);
        plan.Applications[0].HasChanges.ShouldBeFalse();
        plan.Applications[1].Changes.ShouldHaveSingleItem().ShouldBeOfType<AttachPolicy>().PolicyId.ShouldBe(Some.IdFor("Allow developers"));
    }

    [Test]
    public void A_conversion_is_shown_and_survives_a_saved_plan()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Allow developers", 1)));
        var plan = Some.Plan(Some.Project(Grafana + "  - use: Allow developers\n", AllowDevelopers), live);

        var read = PlanFileReader.Read(PlanFileWriter.Write(PlanReviewer.Review(plan)));

        plan.Reusable.ShouldHaveSingleItem().ConvertedFrom.ShouldNotBeNull().Name.ShouldBe("Grafana");
        read.Reusable.ShouldHaveSingleItem().ConvertedFrom.ShouldBe(plan.Reusable[0].ConvertedFrom);
        new TextPlanRenderer().Render(read).ShouldBe(new TextPlanRenderer().Render(plan));
        new TextPlanRenderer().Render(read).ShouldContain("""
            ~ update "Allow developers" apps/app2.yaml
                used by: Grafana
                converted from a policy of Grafana's own (make_reusable: same id, same place)
            """.ReplaceLineEndings("\n"));
    }
}
