using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;
using AccessSync.Core.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Core.Tests;

public class TextPlanRendererTests
{
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
    public void The_sample_plan_holds_every_change_kind_and_every_way_of_widening()
    {
        var plan = SamplePlans.Realistic();

        plan.Applications.SelectMany(a => a.Changes).Select(c => c.Kind).Distinct().Order().ShouldBe(Enum.GetValues<ChangeKind>());
        AccessWidening.Find(plan).Select(w => w.Kind).Distinct().Order().ShouldBe(Enum.GetValues<WideningKind>());
        plan.Applications.ShouldContain(a => !a.HasChanges);
        plan.Applications.ShouldContain(a => a.Unmanaged.Any(u => !u.IsReusable));
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
    public void A_name_with_control_characters_cannot_drive_the_terminal()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1), Some.Policy("Evil\\u001b[2J\\r", 2)));
        var plan = Some.Plan(Some.Project("app: {name: Grafana}\npolicies:\n  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), live);

        var text = new TextPlanRenderer().Render(plan);

        text.ShouldContain("- delete \"Evil\\u001b[2J\\u000d\"\n");
        text.ShouldNotContain("\e");
        text.ShouldNotContain("\r");
    }
}
