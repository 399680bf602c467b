using System.Text.Json.Nodes;
using AccessSync.Core.Applying;
using AccessSync.Core.Live;
using AccessSync.Core.Planning;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

/// <summary>What the read after an apply's last write finds: an application of the files a new plan would still change, or one a saved plan touched that is not as the plan made it.</summary>
public class LiveDifferenceTests
{
    private const string File = """
        app: {name: Grafana}
        policies:
          - {name: Allow on-call, decision: allow, include: [{email: oncall@example.com}]}
          - {name: Allow devs, decision: allow, include: [{group: Developers}]}
        """;

    private static readonly LiveState Estate = Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1), Some.Policy("Old", 2, decision: "deny")));

    [Test]
    public async Task An_application_as_the_saved_plan_made_it_has_no_difference()
    {
        var (plan, provider) = await AppliedAsync();

        SavedPlanOutcome.Difference(plan, Grafana(provider)).ShouldBeNull();
    }

    [Test]
    public async Task A_saved_plan_names_a_created_policy_another_writer_deleted_and_a_moved_one_it_moved_back()
    {
        var (plan, provider) = await AppliedAsync();
        var now = Grafana(provider)!;
        var onCall = now.Policies.Single(p => p.Name == "Allow on-call").Id;
        (await provider.DeletePolicyAsync(plan.App, onCall, CancellationToken.None)).Failure.ShouldBeNull();
        var devs = JsonNode.Parse(now.Policies.Single(p => p.Name == "Allow devs").Raw.GetRawText())!.AsObject();
        devs["precedence"] = 5;
        (await provider.UpdatePolicyAsync(plan.App, (string)devs["id"]!, devs, CancellationToken.None)).Failure.ShouldBeNull();

        SavedPlanOutcome.Difference(plan, Grafana(provider)).ShouldBe(new LiveDifference("Grafana", "\"Allow on-call\" is missing; \"Allow devs\" is at precedence 5, not 2"));
    }

    [Test]
    public void A_saved_plan_names_an_application_that_is_gone() =>
        SavedPlanOutcome.Difference(Some.Plan(Some.Project(File), Estate).Applications.Single(), null).ShouldBe(new LiveDifference("Grafana", "the application is gone"));

    [Test]
    public void A_fresh_plan_names_each_application_it_would_still_change_with_its_first_changes()
    {
        var fresh = Some.Plan(Some.Project(File), Estate);

        LiveDifference.InFreshPlan(fresh).ShouldBe([new LiveDifference("Grafana", "a new plan would delete \"Old\", create \"Allow on-call\", reorder \"Allow devs\"")]);
    }

    [Test]
    public async Task A_fresh_plan_with_no_changes_names_nothing()
    {
        var (_, provider) = await AppliedAsync();

        LiveDifference.InFreshPlan(Some.Plan(Some.Project(File), provider.Current)).ShouldBeEmpty();
    }

    private static async Task<(AppPlan Plan, FakeAccessProvider Provider)> AppliedAsync()
    {
        var plan = Some.Plan(Some.Project(File), Estate);
        var provider = new FakeAccessProvider(Estate);
        var result = await Applier.ApplyAsync(plan, provider, live: null, ApplyOptions.Default, CancellationToken.None);
        result.ShouldBeOfType<ApplyResult.Applied>().Report.Succeeded.ShouldBeTrue();
        return (plan.Applications.Single(), provider);
    }

    private static LiveApplication? Grafana(FakeAccessProvider provider) => provider.Current.Scopes[0].Applications.SingleOrDefault();
}
