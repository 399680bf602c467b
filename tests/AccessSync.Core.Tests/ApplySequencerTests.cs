using System.Text;
using AccessSync.Core.Applying;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

public class ApplySequencerTests
{
    private static readonly string[] Decisions = ["allow", "deny", "bypass", "non_identity"];

    [Test]
    public void Inserting_a_policy_at_the_top_shifts_the_others_from_the_bottom_without_parking()
    {
        var live = Some.App("Grafana", Some.Policy("Block", 1, "deny"), Some.Policy("Allow", 2));
        var (plan, steps) = Sequence(live, Policy("New block", "deny"), Policy("Block", "deny"), Policy("Allow", "allow"));

        steps.Select(s => s.Describe()).ShouldBe(
        [
            "move \"Allow\" to precedence 3",
            "move \"Block\" to precedence 2",
            "create \"New block\" at precedence 1",
        ]);
        plan.Applications.Single().Changes.OfType<ReorderPolicies>().Single().OrderKept.ShouldBeTrue("the others keep their order, one down");
        plan.Summary.ToString().ShouldBe("Plan: 1 to create, 0 to update, 0 to delete, 0 to reorder.");
    }

    [Test]
    public void A_swap_parks_one_policy_above_the_rest_for_one_write()
    {
        var live = Some.App("Grafana", Some.Policy("A", 1), Some.Policy("B", 2));
        var (_, steps) = Sequence(live, Policy("B", "allow"), Policy("A", "allow"));

        steps.Select(s => s.Describe()).ShouldBe(
        [
            "move \"B\" to precedence 3 (to make room)",
            "move \"A\" to precedence 2",
            "move \"B\" to precedence 1",
        ]);
    }

    [Test]
    public void Narrowing_goes_first_and_deny_policies_are_deleted_last()
    {
        var live = Some.App("Grafana", Some.Policy("Old deny", 1, "deny"), Some.Policy("Old allow", 2), Some.Policy("Kept", 3));
        var (_, steps) = Sequence(live, Policy("New allow", "allow"), Policy("New deny", "deny"), Policy("Kept", "allow"));

        steps.Where(s => s.Purpose == StepPurpose.Change && s is not UpdateStep { Desired: null }).Select(s => s.Describe()).ShouldBe(
        [
            "delete \"Old allow\"",
            "create \"New deny\" at precedence 2",
            "create \"New allow\" at precedence 1",
            "delete \"Old deny\"",
        ]);
    }

    [Test]
    public void An_update_that_also_moves_is_one_write_realising_both_items()
    {
        var live = Some.App("Grafana", Some.Policy("A", 2, extra: "\"session_duration\":\"1h\""));
        var (_, steps) = Sequence(live, Policy("A", "allow", "session_duration: 2h"));

        var step = steps.ShouldHaveSingleItem().ShouldBeOfType<UpdateStep>();
        step.Precedence.ShouldBe(1);
        step.Items.Select(i => i.Kind).ShouldBe([ChangeKind.Update, ChangeKind.Reorder]);
    }

    [Test]
    public void Every_write_keeps_precedences_unique_and_the_end_state_is_the_file_for_random_estates()
    {
        for (var seed = 1; seed <= 600; seed++)
        {
            var random = new Random(seed);
            var (live, desired) = RandomCase(random);
            var (plan, steps) = Sequence(live, [.. desired]);
            var context = $"seed {seed}:\nlive: {string.Join(", ", live.Policies.Select(p => $"{p.Name}@{p.Precedence}/{p.Decision}"))}\n" +
                $"file: {string.Join(", ", desired.Select(d => d.Split('\n')[0]))}\nsteps:\n  {string.Join("\n  ", steps.Select(s => s.Describe()))}";

            var state = live.Policies.ToDictionary(p => p.Id, p => (Name: p.Name, Precedence: p.Precedence!.Value, Decision: p.Decision));
            foreach (var step in steps)
            {
                switch (step)
                {
                    case CreateStep create:
                        state["new:" + create.Desired.Name] = (create.Desired.Name, create.Desired.Precedence, WireNames.Of(create.Desired.Decision));
                        break;
                    case UpdateStep update:
                        var before = state[update.PolicyId];
                        state[update.PolicyId] = (update.Desired?.Name ?? before.Name, update.Precedence, update.Desired is null ? before.Decision : WireNames.Of(update.Desired.Decision));
                        break;
                    case DeleteStep delete:
                        state.Remove(delete.PolicyId).ShouldBeTrue(context);
                        break;
                }

                state.Values.Select(v => v.Precedence).ShouldBeUnique($"after \"{step.Describe()}\" precedences collide\n{context}");
            }

            var expected = desired.Select((d, i) => (Name: d.Split(',')[0]["  - {name: ".Length..], Precedence: i + 1));
            state.Values.Select(v => (v.Name, v.Precedence)).OrderBy(v => v.Precedence).ShouldBe(expected, context);
            SecurityPhases(steps).ShouldBeInOrder(SortDirection.Ascending, context);
            steps.SelectMany(s => s.Items).ShouldBe(plan.Applications.SelectMany(PlanItem.Of), ignoreOrder: true, context);
        }
    }

    /// <summary>The narrowing phase of each write that changes what a policy says: moves may come anywhere.</summary>
    private static IEnumerable<int> SecurityPhases(IEnumerable<ApplyStep> steps) => steps.Select(step => step switch
    {
        DeleteStep d => d.Items[0].Kind == ChangeKind.Delete && d.Name.StartsWith("deny", StringComparison.Ordinal) ? 4 : 0,
        CreateStep c => c.Desired.Decision == Decision.Deny ? 1 : 2,
        UpdateStep { Desired: { } desired } => desired.Decision == Decision.Deny ? 1 : 2,
        _ => -1,
    }).Where(phase => phase >= 0);

    private static (LiveApplication Live, List<string> Desired) RandomCase(Random random)
    {
        // At least one policy of its own: an application with none gets its policies as reusable ones (PolicyListSequence).
        var liveCount = random.Next(1, 8);
        var precedences = Enumerable.Range(1, 12).OrderBy(_ => random.Next()).Take(liveCount).ToList();
        var livePolicies = precedences.Select((p, i) =>
        {
            var decision = Decisions[random.Next(Decisions.Length)];
            return Some.Policy($"{decision} {i}", p, decision);
        }).ToList();

        var kept = livePolicies.Where(_ => random.NextDouble() < 0.6).Select(p => (p.Name, p.Decision));
        var created = Enumerable.Range(0, random.Next(0, 4)).Select(i => Decisions[random.Next(Decisions.Length)]).Select((d, i) => ($"{d} new {i}", d));
        var desired = kept.Concat(created)
            .OrderBy(_ => random.Next())
            .Select(p => Policy(p.Item1, p.Item2, random.NextDouble() < 0.3 ? "session_duration: 2h" : null))
            .ToList();
        return (Some.App("Grafana", [.. livePolicies]), desired);
    }

    private static string Policy(string name, string decision, string? extra = null) =>
        $"  - {{name: {name}, decision: {decision}, include: [{{group: Developers}}]{(extra is null ? string.Empty : ", " + extra)}}}\n";

    private static (Plan Plan, IReadOnlyList<ApplyStep> Steps) Sequence(LiveApplication live, params string[] policies)
    {
        var yaml = new StringBuilder("app: {name: Grafana}\npolicies:\n");
        foreach (var policy in policies)
        {
            yaml.Append(policy);
        }

        var plan = Some.Plan(Some.Project(policies.Length == 0 ? "app: {name: Grafana}\npolicies: []\n" : yaml.ToString()), Some.Live(live));
        var precedences = live.Policies.ToDictionary(p => p.Id, p => p.Precedence!.Value);
        return (plan, ApplySequencer.Order(plan.Applications[0], precedences));
    }
}
