using System.Text;
using AccessSync.Core.Applying;
using AccessSync.Core.Live;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

/// <summary>
/// For random accounts where two applications mix policies of their own with reusable ones, and random files that
/// use, define, redefine and drop reusable policies: apply succeeds, planning again shows no change, fields
/// AccessSync does not manage survive, and no application is ever without a policy both its old and new state give it.
/// </summary>
public class ReusableConvergenceTests
{
    private static readonly string[] Decisions = ["allow", "deny", "bypass", "non_identity"];

    private static readonly string[] Apps = ["Grafana", "Wiki"];

    [Test]
    public async Task Every_apply_converges_and_keeps_what_both_states_share_at_every_write()
    {
        var exercised = new Dictionary<string, int>();
        void Count(string what, bool happened) => exercised[what] = exercised.GetValueOrDefault(what) + (happened ? 1 : 0);
        for (var seed = 1; seed <= 150; seed++)
        {
            var random = new Random(seed);
            var pool = Enumerable.Range(0, 4).Select(k => Some.Reusable($"R{k}", decision: Decisions[random.Next(Decisions.Length)], extra: "\"x_note\":\"kept\",\"session_duration\":\"24h\"")).ToList();
            var live = Some.Live([.. pool], [.. Apps.Select(name => RandomApp(random, name, pool))]);
            var files = RandomFiles(random);
            var provider = new FakeAccessProvider(live);
            var plan = Some.Plan(Some.Project([.. files]), live);
            var changes = plan.Applications.SelectMany(a => a.Changes).ToList();
            Count("attach", changes.Any(c => c is Planning.AttachPolicy));
            Count("detach", changes.Any(c => c is Planning.DetachPolicy));
            Count("reusable create", plan.Reusable.Any(r => r.Change is Planning.CreatePolicy));
            Count("reusable update", plan.Reusable.Any(r => r is { Change: Planning.UpdatePolicy, ConvertedFrom: null }));
            Count("reusable delete", plan.Reusable.Any(r => r.Change is Planning.DeletePolicy));
            Count("owned policy", plan.Reusable.Any(r => r.Name.StartsWith('[')));
            Count("conversion", plan.Reusable.Any(r => r.ConvertedFrom is not null));
            var context = $"seed {seed}:\n{string.Join("\n---\n", files)}";

            var result = await Applier.ApplyAsync(plan, provider, live, ApplyOptions.Default, CancellationToken.None);

            var report = result.ShouldBeOfType<ApplyResult.Applied>().Report;
            report.Succeeded.ShouldBeTrue($"{context}\n{string.Join("\n", report.Outcomes)}");
            foreach (var app in live.Scopes[0].Applications)
            {
                var after = provider.Current.Scopes[0].Applications.Single(a => a.Id == app.Id).Policies.Select(p => p.Id);
                var shared = app.Policies.Select(p => p.Id).Intersect(after).ToHashSet();
                Count("shared policies kept through writes", shared.Count > 0 && provider.States.Count > 0);
                foreach (var (write, state) in provider.States)
                {
                    shared.Except(state[app.Id]).ShouldBeEmpty($"{context}\nafter \"{write}\", {app.Name} lacks a policy it has before and after");
                }
            }

            var again = Some.Plan(Some.Project([.. files]), provider.Current);
            again.HasChanges.ShouldBeFalse($"{context}\nplanning again shows changes");
            var survivors = provider.Current.Scopes[0].ReusablePolicies.Where(p => pool.Any(r => r.Id == p.Id))
                .Concat(provider.Current.Scopes[0].Applications.SelectMany(a => a.OwnPolicies).Where(p => live.Scopes[0].Applications.Any(a => a.Policies.Any(o => o.Id == p.Id))))
                .ToList();
            Count("unmanaged fields kept", survivors.Count > 0);
            survivors.Select(p => (p.Name, Note: p.Raw.TryGetProperty("x_note", out var note) ? note.GetString() : null))
                .ShouldAllBe(p => p.Note == "kept", context);
        }

        // Each behaviour the test claims must come up often enough among the generated cases to be tested at all.
        exercised.Where(e => e.Value < 10).ShouldBeEmpty("the generated cases should exercise every kind of change");
    }

    /// <summary>Up to three policies of its own and up to two of the pool's, at distinct precedences.</summary>
    private static LiveApplication RandomApp(Random random, string name, List<LivePolicy> pool)
    {
        var own = random.Next(0, 4);
        var links = pool.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).ToList();
        var precedences = Enumerable.Range(1, 9).OrderBy(_ => random.Next()).Take(own + links.Count).ToList();
        return Some.App(
            name,
            [
                .. Enumerable.Range(0, own).Select(i => Some.Policy($"{name} P{i}", precedences[i], Decisions[random.Next(Decisions.Length)], extra: "\"x_note\":\"kept\"")),
                .. links.Select((l, i) => Some.Reusable(l.Name, precedences[own + i], l.Decision, extra: "\"x_note\":\"kept\",\"session_duration\":\"24h\"")),
            ]);
    }

    /// <summary>
    /// Each application's file lists some of its own policies, new ones and <c>use</c> entries of R0..R5 in a random
    /// order; R4 and R5 exist only when a file defines them, and R0..R3 are sometimes redefined with a shorter session.
    /// </summary>
    private static List<string> RandomFiles(Random random)
    {
        var used = new HashSet<int>();
        var files = new List<string>();
        foreach (var app in Apps)
        {
            // Sometimes one of its own policies moves to a reusable-policy file of its name, and the list uses it instead.
            var moved = random.NextDouble() < 0.4 ? random.Next(0, 3) : -1;
            if (moved >= 0)
            {
                files.Add($"kind: reusable-policy\npolicy: {{name: {app} P{moved}, decision: {Decisions[random.Next(Decisions.Length)]}, include: [{{group: Developers}}]}}\n");
            }

            var entries = Enumerable.Range(0, 3).Select(i => i == moved ? $"  - use: {app} P{i}\n" : $"  - {{name: {app} P{i}, decision: {Decisions[random.Next(Decisions.Length)]}, include: [{{group: Developers}}]}}\n")
                .Concat(Enumerable.Range(0, 2).Select(i => $"  - {{name: {app} New {i}, decision: {Decisions[random.Next(Decisions.Length)]}, include: [{{email: ada@example.com}}]}}\n"))
                .Concat(Enumerable.Range(0, 6).Select(k => $"  - use: R{k}\n"))
                .OrderBy(_ => random.Next())
                .Take(random.Next(1, 6))
                .ToList();
            used.UnionWith(Enumerable.Range(0, 6).Where(k => entries.Contains($"  - use: R{k}\n")));
            files.Add(new StringBuilder($"app: {{name: {app}}}\npolicies:\n").AppendJoin(string.Empty, entries).ToString());
        }

        foreach (var k in Enumerable.Range(0, 6).Where(k => k >= 4 ? used.Contains(k) : random.NextDouble() < 0.5))
        {
            files.Add($"kind: reusable-policy\npolicy: {{name: R{k}, decision: {Decisions[random.Next(Decisions.Length)]}, include: [{{group: Developers}}], session_duration: 8h}}\n");
        }

        return files;
    }
}
