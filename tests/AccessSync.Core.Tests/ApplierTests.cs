using AccessSync.Core.Applying;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

public class ApplierTests
{
    /// <summary>One application's file, and below it a live estate it changes in every way: shared with <see cref="StoppedApplyTests"/>.</summary>
    internal const string File = """
        app: {name: Grafana}
        policies:
          - {name: Block contractors, decision: deny, include: [{group: Contractors}]}
          - {name: Allow devs, decision: allow, include: [{group: Developers}], session_duration: 8h}
          - {name: Health, decision: bypass, include: [{ip: 192.0.2.0/24}]}
        """;

    internal static readonly Live.LiveState Estate = Some.Live(Some.App(
        "Grafana",
        Some.Policy("Allow devs", 1, extra: "\"session_duration\":\"24h\",\"x_unknown\":{\"kept\":true},\"approval_required\":true"),
        Some.Policy("Old", 2, decision: "deny")));

    [Test]
    public async Task Applying_converges_so_that_planning_again_shows_no_change()
    {
        var provider = new FakeAccessProvider(Estate);

        var report = await Apply(Some.Project(File), provider);

        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Outcomes));
        Some.Plan(Some.Project(File), provider.Current).HasChanges.ShouldBeFalse();
    }

    [Test]
    public async Task Fields_the_file_does_not_manage_survive_an_update()
    {
        var provider = new FakeAccessProvider(Estate);

        await Apply(Some.Project(File), provider);

        var devs = provider.Current.Scopes[0].Applications[0].Policies.Single(p => p.Name == "Allow devs").Raw;
        devs.GetProperty("x_unknown").GetProperty("kept").GetBoolean().ShouldBeTrue();
        devs.GetProperty("approval_required").GetBoolean().ShouldBeTrue();
        devs.GetProperty("session_duration").GetString().ShouldBe("8h");
    }

    [Test]
    public async Task A_field_the_api_does_not_apply_fails_the_change_and_names_the_field()
    {
        var provider = new FakeAccessProvider(Estate);
        provider.IgnoredFields.Add("session_duration");

        var report = await Apply(Some.Project(File), provider);

        var failed = report.Outcomes.Where(o => o.Status == ItemStatus.Failed).ShouldHaveSingleItem();
        failed.Item.ToString().ShouldBe("update \"Allow devs\"");
        failed.Message!.ShouldContain("the API did not apply session_duration (sent \"8h\", it kept \"24h\")");
    }

    [Test]
    public async Task A_failure_stops_its_application_and_reports_the_rest_as_not_attempted()
    {
        var provider = new FakeAccessProvider(Estate);
        provider.FailingPolicies.Add("Block contractors");

        var report = await Apply(Some.Project(File), provider);

        report.Outcomes.Select(o => (o.Item.ToString(), o.Status)).ShouldBe(
        [
            ("reorder \"Allow devs\"", ItemStatus.Done),
            ("create \"Block contractors\"", ItemStatus.Failed),
            ("create \"Health\"", ItemStatus.NotAttempted),
            ("update \"Allow devs\"", ItemStatus.NotAttempted),
            ("delete \"Old\"", ItemStatus.NotAttempted),
        ], ignoreOrder: true);
        report.Outcomes.Single(o => o.Status == ItemStatus.Failed).Message!.ShouldContain("injected failure");
    }

    [Test]
    public async Task A_second_apply_after_a_partial_failure_converges()
    {
        var provider = new FakeAccessProvider(Estate);
        provider.FailingPolicies.Add("Block contractors");
        await Apply(Some.Project(File), provider);
        provider.FailingPolicies.Clear();

        var report = await Apply(Some.Project(File), provider);

        report.Succeeded.ShouldBeTrue();
        Some.Plan(Some.Project(File), provider.Current).HasChanges.ShouldBeFalse();
    }

    [Test]
    public async Task A_saved_plan_is_refused_when_an_object_it_touches_changed_since()
    {
        var plan = Some.Plan(Some.Project(File), Estate);
        var provider = new FakeAccessProvider(Estate);
        var changed = Some.Plan(Some.Project(File.Replace("8h", "9h", StringComparison.Ordinal)), Estate);
        await Applier.ApplyAsync(changed, provider, Estate, ApplyOptions.Default, CancellationToken.None);

        var result = await Applier.ApplyAsync(plan, provider, live: null, ApplyOptions.Default, CancellationToken.None);

        var stale = result.ShouldBeOfType<ApplyResult.Stale>();
        stale.Reasons.ShouldContain(r => r.StartsWith("policy \"Allow devs\" (", StringComparison.Ordinal) && r.Contains("changed since the plan was made", StringComparison.Ordinal));
        stale.Reasons.ShouldContain(r => r.StartsWith("policy \"Old\" (", StringComparison.Ordinal) && r.Contains("was deleted since", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_saved_plan_applies_when_nothing_changed()
    {
        var plan = Some.Plan(Some.Project(File), Estate);
        var provider = new FakeAccessProvider(Estate);

        var result = await Applier.ApplyAsync(plan, provider, live: null, ApplyOptions.Default, CancellationToken.None);

        result.ShouldBeOfType<ApplyResult.Applied>().Report.Succeeded.ShouldBeTrue();
    }

    private static async Task<ApplyReport> Apply(Model.Project project, FakeAccessProvider provider)
    {
        var live = provider.Current;
        var plan = Some.Plan(project, live);
        var result = await Applier.ApplyAsync(plan, provider, live, ApplyOptions.Default, CancellationToken.None);
        return result.ShouldBeOfType<ApplyResult.Applied>().Report;
    }
}
