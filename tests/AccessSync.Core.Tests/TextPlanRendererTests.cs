using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;
using AccessSync.Core.Review;
using AccessSync.Core.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Core.Tests;

public class TextPlanRendererTests
{
    [Test]
    public void The_access_tests_outcome_comes_before_the_summary_with_each_failure_and_each_changed_decision()
    {
        var text = new TextPlanRenderer().Render(SamplePlans.WithAccessTests());

        text.ShouldEndWith("""
            Access tests: 2 passed, 1 failed; the plan changes 2 outcomes.
              fails:   tests/grafana.yaml:3: Grafana: contractors never get in: expected deny, got allow by `Allow engineering`
              changes: Grafana: eve@contractor.example (contractors never get in): deny → allow
              changes: Grafana: ada@example.com (engineers with Okta): deny → allow
            Plan: 2 to create, 3 to update, 1 to delete, 2 to reorder.

            """);
    }

    [Test]
    public void A_realistic_plan_renders_as_approved()
    {
        Approvals.Verify(new TextPlanRenderer().Render(SamplePlans.Realistic()), "plan-text");
    }

    [Test]
    public void A_realistic_plan_renders_in_colour_as_approved()
    {
        Approvals.Verify(new TextPlanRenderer(new TextPlanOptions(UseColor: true)).Render(SamplePlans.Realistic()), "plan-text-color");
    }

    [Test]
    public void A_plan_with_reusable_policies_renders_as_approved()
    {
        Approvals.Verify(new TextPlanRenderer().Render(SamplePlans.WithReusable()), "plan-text-reusable");
    }

    [Test]
    public void A_plan_with_reusable_policies_renders_in_colour_as_approved()
    {
        Approvals.Verify(new TextPlanRenderer(new TextPlanOptions(UseColor: true)).Render(SamplePlans.WithReusable()), "plan-text-reusable-color");
    }

    [Test]
    public void The_sample_plans_hold_every_change_kind_and_every_way_of_widening()
    {
        var plan = SamplePlans.Realistic();
        var reusable = SamplePlans.WithReusable();

        plan.Applications.SelectMany(a => a.Changes).Select(c => c.Kind).Distinct().Order()
            .ShouldBe([ChangeKind.Delete, ChangeKind.Create, ChangeKind.Update, ChangeKind.Reorder]);
        reusable.Applications.SelectMany(a => a.Changes).Select(c => c.Kind).Distinct().Order()
            .ShouldBe([ChangeKind.Delete, ChangeKind.Create, ChangeKind.Attach, ChangeKind.Detach]);
        reusable.Reusable.Select(r => r.Change?.Kind).Distinct().ShouldBe([ChangeKind.Create, ChangeKind.Update, null, ChangeKind.Delete], ignoreOrder: true);
        reusable.Reusable.ShouldContain(r => r.Name.StartsWith("[Deploy API] ", StringComparison.Ordinal));
        reusable.Applications.ShouldContain(a => a.Changes.All(c => c.Kind == ChangeKind.Attach));
        Reviewed.Widenings(plan).Select(w => w.Kind).Distinct().Order().ShouldBe(Enum.GetValues<WideningKind>());
        foreach (var sample in new[] { plan, reusable })
        {
            sample.Applications.ShouldContain(a => !a.HasChanges);
        }

        plan.Applications.ShouldContain(a => a.Unmanaged.Any(u => !u.IsReusable));
    }

    [Test]
    public void Detaches_and_attaches_stand_beside_deletes_and_creates_whatever_order_the_plan_lists_them_in()
    {
        var sample = SamplePlans.WithReusable();
        var grafana = sample.Applications.Single(a => a.App.Name == "Grafana");
        var shuffled = grafana with { Changes = [.. grafana.Changes.OrderBy(c => c.Kind is ChangeKind.Attach or ChangeKind.Detach).ThenBy(c => c.Kind)] };
        shuffled.Changes.Select(c => c.Kind).ShouldBe([ChangeKind.Delete, ChangeKind.Create, ChangeKind.Attach, ChangeKind.Detach]);
        var plan = sample with { Applications = [.. sample.Applications.Select(a => a == grafana ? shuffled : a)] };

        var text = new TextPlanRenderer().Render(plan);

        text.ShouldContain("""
            Grafana (account 9a7806061c88ada191ed06f989cc3dac) apps/grafana.yaml
            - delete "Old VPN range"
            !   widens access: a deny policy is deleted: what it blocked may get in
            - detach "Legacy deny"
            !   widens access: a deny policy is detached: what it blocked may get in
            + create "Partner engineers" (precedence 4)
            !   widens access: a new allow policy: whoever it matches gets in; e.g. someone@partner.example.net now gets in
            + attach "Allow developers" (precedence 3)
            !   widens access: an attached allow policy: whoever it matches gets in

            """);
    }

    [Test]
    public void Reusable_policies_come_before_the_applications_once_each_with_the_applications_that_use_them()
    {
        var text = new TextPlanRenderer().Render(SamplePlans.WithReusable());

        text[text.IndexOf("Reusable policies (", StringComparison.Ordinal)..].ShouldStartWith("""
            Reusable policies (account 9a7806061c88ada191ed06f989cc3dac)
            - delete "Old shared policy"
                used by no application
            + create "All staff" reusable/all-staff.yaml
                used by: Status page
            """);
        text.ShouldContain("""
            ~ update "Block contractors" reusable/block-contractors.yaml
                used by: Grafana, Wiki
                include:
            -     geo: {country_code: RU}
            !   widens access: include loses geo: {country_code: RU}
              note: live policy "Legacy shared" is in no file and attached to no application; it is kept because prune is off

            """);
        text.Split("\n").Count(l => l.StartsWith("!   widens access:", StringComparison.Ordinal) && l.Contains("include loses geo", StringComparison.Ordinal)).ShouldBe(1, "the update is shown once, not again under each application");
        text.ShouldContain("\n  \"[Deploy API] Health checks\" (created):\n+   name: '[Deploy API] Health checks'\n+   decision: bypass\n");
    }

    [Test]
    public void An_application_whose_only_change_is_an_attach_is_a_changed_application()
    {
        var text = new TextPlanRenderer().Render(SamplePlans.WithReusable());

        text.ShouldContain("""

            Deploy API (account 9a7806061c88ada191ed06f989cc3dac) apps/deploy-api.yaml
            + attach "[Deploy API] Health checks" (precedence 1)
            !   widens access: an attached bypass policy: requests skip Access entirely; e.g. a request at 192.0.2.1 now gets in

            """);
        text.ShouldEndWith("1 application unchanged.\nPlan: 4 to create, 1 to update, 3 to delete, 0 to reorder, 3 to attach, 1 to detach.\n");
    }

    [Test]
    public void A_kept_reusable_policy_alone_is_no_change_and_is_noted()
    {
        var plan = Unchanged() with { Reusable = [new ReusablePlan(Some.Account, "Legacy shared", string.Empty, null, [])] };

        new TextPlanRenderer().Render(plan).ShouldBe("""
            note: Reusable policies (account 9a7806061c88ada191ed06f989cc3dac): live policy "Legacy shared" is in no file and attached to no application; it is kept because prune is off
            No changes. Live policies match the files.
            Plan: 0 to create, 0 to update, 0 to delete, 0 to reorder.

            """);
    }

    [Test]
    public void A_plan_changing_only_reusable_policies_counts_every_application_unchanged()
    {
        var reusable = SamplePlans.WithReusable().Reusable.Single(r => r.Name == "Block contractors");
        var plan = Unchanged() with { Reusable = [reusable] };

        var text = new TextPlanRenderer().Render(plan);

        text.ShouldStartWith("Widens access (1):\n! reusable \"Block contractors\" (used by Grafana, Wiki): include loses geo: {country_code: RU}\n\nReusable policies (account 9a7806061c88ada191ed06f989cc3dac)\n~ update \"Block contractors\" reusable/block-contractors.yaml\n");
        text.ShouldEndWith("\n1 application unchanged.\nPlan: 0 to create, 1 to update, 0 to delete, 0 to reorder.\n");
    }

    [Test]
    public void A_plan_without_changes_says_so_and_ends_with_the_summary()
    {
        var plan = Some.Plan(Some.Project("app: {name: Grafana}\npolicies:\n  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1))));

        new TextPlanRenderer().Render(plan).ShouldBe("No changes. Live policies match the files.\nPlan: 0 to create, 0 to update, 0 to delete, 0 to reorder.\n");
    }

    [Test]
    public void Without_colour_there_are_no_escape_codes_and_with_it_there_are()
    {
        var plan = SamplePlans.Realistic();

        new TextPlanRenderer(new TextPlanOptions(UseColor: false)).Render(plan).ShouldNotContain("\e[");
        new TextPlanRenderer(new TextPlanOptions(UseColor: true)).Render(plan).ShouldContain("\e[32m+ create \"Partner engineers\"");
    }

    [Test]
    public void The_same_plan_renders_to_the_same_bytes_with_unix_line_ends()
    {
        var first = new TextPlanRenderer().Render(SamplePlans.Realistic());
        var second = new TextPlanRenderer().Render(SamplePlans.Realistic());

        second.ShouldBe(first);
        first.ShouldNotContain("\r");
        first.ShouldEndWith(SamplePlans.Realistic().Summary + "\n");
    }

    [Test]
    public void A_reusable_policy_s_name_file_and_applications_cannot_drive_the_terminal()
    {
        var plan = Unchanged() with { Reusable = [new ReusablePlan(Some.Account, "Evil\e[2J", string.Empty, null, [])] };
        var change = new DetachPolicy("x", "Gone\e[2J", null, null);
        var evil = plan with
        {
            Applications = [plan.Applications[0] with { Changes = [change] }],
            Reusable = [SamplePlans.WithReusable().Reusable.Single(r => r.Name == "All staff") with { FilePath = "reusable/\r.yaml", Apps = ["Evil\e[2J"] }],
        };

        var text = new TextPlanRenderer().Render(plan) + new TextPlanRenderer().Render(evil);

        text.ShouldContain("\"Evil\\x1b[2J\"");
        text.ShouldContain("+ create \"All staff\" reusable/\\x0d.yaml\n    used by: Evil\\x1b[2J\n");
        text.ShouldContain("- detach \"Gone\\x1b[2J\"\n");
        text.ShouldNotContain("\e");
        text.ShouldNotContain("\r");
    }

    [Test]
    public void A_name_with_control_characters_cannot_drive_the_terminal()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1), Some.Policy("Evil\\u001b[2J\\r", 2)));
        var plan = Some.Plan(Some.Project("app: {name: Grafana}\npolicies:\n  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), live);

        var text = new TextPlanRenderer().Render(plan);

        text.ShouldContain("- delete \"Evil\\x1b[2J\\x0d\"\n");
        text.ShouldNotContain("\e");
        text.ShouldNotContain("\r");
    }

    private static Plan Unchanged() =>
        Some.Plan(Some.Project("app: {name: Grafana}\npolicies:\n  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1))));

    [Test]
    public void Policies_that_only_move_up_after_a_deletion_are_one_plain_line_not_a_reorder()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Old", 1, "deny"), Some.Policy("Allow devs", 2), Some.Policy("Allow ops", 3)));
        var plan = Some.Plan(
            Some.Project("app: {name: Grafana}\npolicies:\n  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n  - {name: Allow ops, decision: allow, include: [{group: Developers}]}\n"),
            live);

        var text = new TextPlanRenderer().Render(plan);
        var markdown = new MarkdownPlanRenderer().Render(PlanReviewer.Review(plan));

        var lines = text.Split('\n');
        var renumbered = Array.IndexOf(lines, "  renumbered, order unchanged: \"Allow devs\" 2 → 1, \"Allow ops\" 3 → 2");
        renumbered.ShouldBeGreaterThan(Array.IndexOf(lines, "- delete \"Old\""), text);
        text.ShouldNotContain("↕ reorder");
        markdown.ShouldNotContain("reorder @@");
        plan.Summary.ToString().ShouldBe("Plan: 0 to create, 0 to update, 1 to delete, 0 to reorder.");
    }

    [Test]
    public void A_real_reorder_is_still_shown_as_one()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1), Some.Policy("Allow ops", 2)));
        var plan = Some.Plan(
            Some.Project("app: {name: Grafana}\npolicies:\n  - {name: Allow ops, decision: allow, include: [{group: Developers}]}\n  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"),
            live);

        new TextPlanRenderer().Render(plan).ShouldContain("↕ reorder");
        plan.Summary.ToString().ShouldBe("Plan: 0 to create, 0 to update, 0 to delete, 2 to reorder.");
    }
}
