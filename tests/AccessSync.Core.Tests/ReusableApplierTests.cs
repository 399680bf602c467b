using AccessSync.Core.Applying;
using AccessSync.Core.Planning;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

/// <summary>Applying reusable policies: the order of the writes, and what a failure leaves undone.</summary>
public class ReusableApplierTests
{
    private const string Grafana = """
        app: {name: Grafana}
        policies:
          - {name: Block contractors, decision: deny, include: [{group: Contractors}]}
          - use: Allow developers
          - {name: Allow on-call, decision: allow, include: [{email: oncall@example.com}]}
        """;

    private const string Wiki = """
        app: {name: Wiki}
        policies:
          - use: Allow developers
        """;

    private const string AllowDevelopers = """
        kind: reusable-policy
        policy: {name: Allow developers, decision: allow, include: [{group: Developers}], session_duration: 8h}
        """;

    private static readonly Live.LiveState Estate = Some.Live(
        Some.App("Grafana", Some.Policy("Block contractors", 1, decision: "deny", include: $$$"""[{"group":{"id":"{{{Some.ContractorsId}}}"}}]"""), Some.Reusable("Old shared", 2)),
        Some.App("Wiki", Some.Reusable("Old shared", 1)));

    [Test]
    public async Task Reusable_policies_are_created_before_they_are_attached_and_deleted_after_every_detach()
    {
        var provider = new FakeAccessProvider(Estate);

        var report = await Apply(provider, Grafana, Wiki, AllowDevelopers);

        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Outcomes));
        var writes = provider.Writes;
        writes[0].ShouldBe("create reusable policy \"Allow developers\"");
        writes.ShouldContain("create \"Allow on-call\" at precedence 4");
        writes.IndexOf("create \"Allow on-call\" at precedence 4").ShouldBeLessThan(writes.FindIndex(w => w.StartsWith("set the policies of Grafana", StringComparison.Ordinal)));
        writes.Count(w => w.StartsWith("set the policies of", StringComparison.Ordinal)).ShouldBe(2);
        writes[^1].ShouldBe("delete reusable policy \"Old shared\"");
        Some.Plan(Some.Project(Grafana, Wiki, AllowDevelopers), provider.Current).HasChanges.ShouldBeFalse();
    }

    [Test]
    public async Task A_reusable_policy_that_could_not_be_created_leaves_the_applications_using_it_not_attempted()
    {
        var provider = new FakeAccessProvider(Estate);
        provider.FailingPolicies.Add("Allow developers");

        var report = await Apply(provider, Grafana, Wiki, AllowDevelopers);

        report.Outcomes.Single(o => o.Item.App.IsReusablePolicies && o.Item.Kind == ChangeKind.Create).Status.ShouldBe(ItemStatus.Failed);
        var apps = report.Outcomes.Where(o => !o.Item.App.IsReusablePolicies).ToList();
        apps.Select(o => o.Item.App.Name).Distinct().ShouldBe(["Grafana", "Wiki"]);
        apps.ShouldAllBe(o => o.Status == ItemStatus.NotAttempted && o.Message == "reusable policy \"Allow developers\" was not created");
        report.Outcomes.Single(o => o.Item.Kind == ChangeKind.Delete && o.Item.App.IsReusablePolicies).Status.ShouldBe(ItemStatus.NotAttempted);
        provider.Writes.ShouldBe(["create reusable policy \"Allow developers\""]);
    }

    [Test]
    public async Task A_reusable_policy_is_not_deleted_while_an_application_failed_to_let_it_go()
    {
        var provider = new FakeAccessProvider(Estate);
        provider.FailingPolicies.Add("Wiki");

        var report = await Apply(provider, Grafana, Wiki, AllowDevelopers);

        var delete = report.Outcomes.Single(o => o.Item.Kind == ChangeKind.Delete && o.Item.App.IsReusablePolicies);
        delete.Status.ShouldBe(ItemStatus.NotAttempted);
        delete.Message.ShouldBe("still attached to Wiki");
        report.Outcomes.Where(o => o.Item.App.Name == "Grafana").ShouldNotBeEmpty();
        report.Outcomes.Where(o => o.Item.App.Name == "Grafana").ShouldAllBe(o => o.Status == ItemStatus.Done);
        provider.Writes.ShouldNotContain("delete reusable policy \"Old shared\"");
    }

    [Test]
    public async Task A_policies_list_the_api_did_not_apply_fails_naming_each_link_it_kept_otherwise()
    {
        var provider = new FakeAccessProvider(Estate);
        provider.IgnoredFields.Add("policies");

        var report = await Apply(provider, Grafana, Wiki, AllowDevelopers);

        var attach = report.Outcomes.Single(o => o.Item.App.Name == "Wiki" && o.Item.Kind == ChangeKind.Attach);
        attach.Status.ShouldBe(ItemStatus.Failed);
        attach.Message.ShouldNotBeNull();
        attach.Message.ShouldContain("the API did not apply the policies list as sent");
        attach.Message.ShouldContain("\"Allow developers\" is not attached");
        attach.Message.ShouldContain($"policy {Some.IdFor("Old shared")} is still attached");
        report.Outcomes.Single(o => o.Item.App.IsReusablePolicies && o.Item.Kind == ChangeKind.Delete).Message.ShouldBe("still attached to Grafana, Wiki");
    }

    [Test]
    public async Task An_application_without_policies_of_its_own_converges_through_owned_reusable_policies()
    {
        const string File = "app: {name: Grafana}\npolicies:\n  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n";
        var provider = new FakeAccessProvider(Some.Live(Some.App("Grafana")));

        var report = await Apply(provider, File);

        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Outcomes));
        provider.Current.Scopes[0].Applications[0].Policies.ShouldHaveSingleItem().Name.ShouldBe("[Grafana] Allow devs");
        Some.Plan(Some.Project(File), provider.Current).HasChanges.ShouldBeFalse();
    }

    [Test]
    public async Task A_saved_plan_is_refused_when_a_reusable_policy_it_changes_was_changed_since()
    {
        var live = Some.Live(Some.App("Wiki", Some.Reusable("Allow developers", 1)));
        var plan = Some.Plan(Some.Project(Wiki, AllowDevelopers), live);
        var provider = new FakeAccessProvider(live);
        await Applier.ApplyAsync(Some.Plan(Some.Project(Wiki, AllowDevelopers.Replace("8h", "9h", StringComparison.Ordinal)), live), provider, live, ApplyOptions.Default, CancellationToken.None);

        var result = await Applier.ApplyAsync(plan, provider, live: null, ApplyOptions.Default, CancellationToken.None);

        result.ShouldBeOfType<ApplyResult.Stale>().Reasons.ShouldHaveSingleItem().ShouldStartWith("reusable policy \"Allow developers\" (");
    }

    [Test]
    public async Task A_converted_policy_keeps_its_id_and_the_other_applications_attach_it()
    {
        var live = Some.Live(
            Some.App("Grafana", Some.Policy("Allow developers", 1, extra: "\"session_duration\":\"24h\",\"x_unknown\":1")),
            Some.App("Wiki", Some.Policy("Own", 1)));
        var provider = new FakeAccessProvider(live);
        var files = new[] { "app: {name: Grafana}\npolicies:\n  - use: Allow developers\n", Wiki + "\n  - {name: Own, decision: allow, include: [{group: Developers}]}\n", AllowDevelopers };

        var report = await Apply(provider, files);

        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Outcomes));
        provider.Writes[0].ShouldBe("make \"Allow developers\" of Grafana a reusable policy");
        var policy = provider.Current.Scopes[0].ReusablePolicies.ShouldHaveSingleItem();
        policy.Id.ShouldBe(Some.IdFor("Allow developers"));
        policy.Raw.GetProperty("x_unknown").GetInt32().ShouldBe(1);
        provider.Current.Scopes[0].Applications.ShouldAllBe(a => a.Policies.Any(p => p.Id == policy.Id && p.IsReusable));
        Some.Plan(Some.Project(files), provider.Current).HasChanges.ShouldBeFalse();
    }

    [Test]
    public async Task A_policy_the_api_refused_to_make_reusable_is_attached_nowhere_else()
    {
        var live = Some.Live(
            Some.App("Grafana", Some.Policy("Allow developers", 1)),
            Some.App("Wiki", Some.Policy("Own", 1)));
        var provider = new FakeAccessProvider(live);
        provider.FailingPolicies.Add("Allow developers");
        var files = new[] { "app: {name: Grafana}\npolicies:\n  - use: Allow developers\n", Wiki + "\n  - {name: Own, decision: allow, include: [{group: Developers}]}\n", AllowDevelopers };

        var report = await Apply(provider, files);

        report.Outcomes.Single(o => o.Item.App.IsReusablePolicies).Status.ShouldBe(ItemStatus.Failed);
        report.Outcomes.Where(o => o.Item.App.Name == "Wiki").ShouldNotBeEmpty();
        report.Outcomes.Where(o => o.Item.App.Name == "Wiki").ShouldAllBe(o =>
            o.Status == ItemStatus.NotAttempted && o.Message == "reusable policy \"Allow developers\" was not made reusable");
        provider.Writes.ShouldBe(["make \"Allow developers\" of Grafana a reusable policy"]);
    }

    private static async Task<ApplyReport> Apply(FakeAccessProvider provider, params string[] files)
    {
        var live = provider.Current;
        var plan = Some.Plan(Some.Project(files), live);
        var result = await Applier.ApplyAsync(plan, provider, live, ApplyOptions.Default, CancellationToken.None);
        return result.ShouldBeOfType<ApplyResult.Applied>().Report;
    }
}
