using System.Text.Json.Nodes;
using AccessSync.Core.Applying;
using AccessSync.Core.Live;
using AccessSync.Core.Planning;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

/// <summary>
/// Another writer changed an application between plan and write: the write the API refuses for it is followed by a
/// read of the application and a re-plan, once, through <see cref="ApplyOptions.Replan"/>; a saved plan, which has
/// none, fails as before.
/// </summary>
public class ReplanningApplierTests
{
    private const string File = """
        app: {name: Grafana}
        policies:
          - {name: Allow devs, decision: allow, include: [{group: Developers}]}
          - {name: Allow on-call, decision: allow, include: [{email: oncall@example.com}]}
        """;

    private static readonly LiveState Estate = Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1)));

    [Test]
    public async Task A_write_refused_because_another_writer_took_its_precedence_is_replanned_once_and_converges()
    {
        var (plan, provider) = await PlannedThenChangedAsync();
        var replans = 0;

        var told = new Told();

        var report = await ApplyAsync(plan, provider, fresh => { replans++; return Replan(provider, fresh); }, told);

        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Outcomes));
        replans.ShouldBe(1);
        told.Writes.Count.ShouldBe(provider.Writes.Count, "every write the API received is told as it ends, the refused one and the re-plan's included");
        told.Writes.Count(w => w.Outcome == WriteOutcome.Failed).ShouldBe(1);
        report.Outcomes.Select(o => $"{o.Item}: {o.Message}").ShouldBe(
        [
            "create \"Allow on-call\": live changed during apply; re-planned",
            "delete \"Sneaked in\": live changed during apply; re-planned",
        ]);
        Some.Plan(Some.Project(File), provider.Current).HasChanges.ShouldBeFalse();
    }

    [Test]
    public async Task Without_a_replan_the_refused_write_fails_as_the_api_answered()
    {
        var (plan, provider) = await PlannedThenChangedAsync();

        var report = await ApplyAsync(plan, provider, replan: null);

        report.Outcomes.ShouldHaveSingleItem().Message.ShouldBe(
            "create \"Allow on-call\" at precedence 2: Cloudflare API error 12130: access.api.error.invalid_request: policy precedences must be unique");
    }

    [Test]
    public async Task A_replan_that_still_does_not_converge_fails_the_application_without_a_second_replan()
    {
        var (plan, provider) = await PlannedThenChangedAsync();
        var replans = 0;

        // The other writer is quicker again: the new plan meets the same refusal.
        var report = await ApplyAsync(plan, provider, _ => { replans++; return plan.Applications.Single(); });

        replans.ShouldBe(1);
        var failed = report.Outcomes.ShouldHaveSingleItem();
        failed.Status.ShouldBe(ItemStatus.Failed);
        failed.Message!.ShouldContain("; live changed during apply; re-planned after create \"Allow on-call\" at precedence 2: Cloudflare API error 12130");
    }

    /// <summary>The plan creates "Allow on-call" at precedence 2; then, before it is applied, another writer puts a policy there.</summary>
    private static async Task<(Plan Plan, FakeAccessProvider Provider)> PlannedThenChangedAsync()
    {
        var plan = Some.Plan(Some.Project(File), Estate);
        var provider = new FakeAccessProvider(Estate);
        var sneaked = new JsonObject { ["name"] = "Sneaked in", ["decision"] = "allow", ["precedence"] = 2, ["include"] = new JsonArray(new JsonObject { ["everyone"] = new JsonObject() }) };
        (await provider.CreatePolicyAsync(plan.Applications.Single().App, sneaked, CancellationToken.None)).Failure.ShouldBeNull();
        provider.Writes.Clear();
        return (plan, provider);
    }

    private static AppPlan? Replan(FakeAccessProvider provider, LiveApplication fresh) =>
        Some.Plan(Some.Project(File), provider.Current).Applications.Single(a => a.App.Id == fresh.Id);

    private static async Task<ApplyReport> ApplyAsync(Plan plan, FakeAccessProvider provider, Func<LiveApplication, AppPlan?>? replan, IApplyObserver? observer = null)
    {
        var result = await Applier.ApplyAsync(plan, provider, Estate, ApplyOptions.Default with { Observer = observer, Replan = replan }, CancellationToken.None);
        return result.ShouldBeOfType<ApplyResult.Applied>().Report;
    }

    /// <summary>Keeps every write told, as it is told.</summary>
    private sealed class Told : IApplyObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<WriteRecord> writes = new();

        public IReadOnlyCollection<WriteRecord> Writes => writes;

        public void WriteEnded(WriteRecord write) => writes.Enqueue(write);
    }
}
