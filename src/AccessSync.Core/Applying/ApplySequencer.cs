using System.Collections.Immutable;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// Orders an application's changes into writes such that:
/// <list type="number">
/// <item>every precedence is unique after every single write, as the API demands (error 12130), for any mix of
/// creates, deletes and reorders;</item>
/// <item>narrowing goes first: allow-type policies (allow, bypass, non_identity) are deleted, then deny policies
/// created or updated, then allow-type policies created or updated, then policies only reordered, and deny
/// policies are deleted last;</item>
/// <item>existing policies keep their relative order where they can: a policy in the way of a write is moved to
/// its own final precedence first (recursively), and only a cycle (a swap) parks one at a free precedence
/// above all others for a moment.</item>
/// </list>
/// </summary>
public static class ApplySequencer
{
    /// <summary>
    /// The writes for one application. One whose attached reusable policies change is written through its policies
    /// list (<see cref="PolicyListSequence"/>); any other through its own policies, one at a time.
    /// </summary>
    public static ImmutableArray<ApplyStep> Order(AppPlan plan, LiveApplication live)
    {
        var reusable = live.Policies.Where(p => p.IsReusable).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var changesLinks = plan.Changes.Any(c => c is AttachPolicy or DetachPolicy)
            || plan.Changes.OfType<ReorderPolicies>().SelectMany(r => r.Moves).Any(m => reusable.Contains(m.PolicyId));
        return changesLinks
            ? PolicyListSequence.Order(plan, live)
            : Order(plan, live.Policies.Where(p => p.Precedence is not null).ToDictionary(p => p.Id, p => p.Precedence!.Value, StringComparer.Ordinal));
    }

    /// <param name="livePrecedences">Every live policy of the application, unmanaged ones included: id to precedence.</param>
    public static ImmutableArray<ApplyStep> Order(AppPlan plan, IReadOnlyDictionary<string, int> livePrecedences) =>
        new Sequence(plan, livePrecedences).Run();

    private sealed class Sequence
    {
        private readonly AppTarget app;
        private readonly List<ApplyStep> steps = [];
        private readonly Dictionary<int, string> occupant = [];
        private readonly Dictionary<string, int> position = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> final = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, PlanItem> pendingMoves = new(StringComparer.Ordinal);
        private readonly HashSet<string> pendingDeletes = new(StringComparer.Ordinal);
        private readonly List<(int Phase, int Order, Action Write)> writes = [];
        private int nextFree;

        public Sequence(AppPlan plan, IReadOnlyDictionary<string, int> livePrecedences)
        {
            app = plan.App;
            foreach (var (id, precedence) in livePrecedences)
            {
                occupant[precedence] = id;
                position[id] = precedence;
            }

            var items = PlanItem.Of(plan).ToList();
            var moves = plan.Changes.OfType<ReorderPolicies>().SelectMany(r => r.Moves).ToDictionary(m => m.PolicyId, StringComparer.Ordinal);
            foreach (var move in moves.Values)
            {
                final[move.PolicyId] = move.To;
                names[move.PolicyId] = move.PolicyName;
                pendingMoves[move.PolicyId] = items.Single(i => i.Kind == ChangeKind.Reorder && i.PolicyId == move.PolicyId);
            }

            foreach (var change in plan.Changes)
            {
                switch (change)
                {
                    case DeletePolicy delete:
                        var deleteItem = items.Single(i => i.Kind == ChangeKind.Delete && i.PolicyId == delete.PolicyId);
                        pendingDeletes.Add(delete.PolicyId);
                        names[delete.PolicyId] = delete.Name;
                        writes.Add((delete.Decision == Decision.Deny ? 4 : 0, delete.Precedence ?? 0, () => Delete(delete, deleteItem)));
                        break;
                    case CreatePolicy create:
                        var key = "new:" + create.Desired.Name;
                        final[key] = create.Desired.Precedence;
                        names[key] = create.Desired.Name;
                        var createItem = items.Single(i => i.Kind == ChangeKind.Create && i.PolicyName == create.Desired.Name);
                        writes.Add((Phase(create.Desired), create.Desired.Precedence, () => Create(key, create.Desired, createItem)));
                        break;
                    case UpdatePolicy update:
                        final.TryAdd(update.PolicyId, update.Desired.Precedence);
                        names[update.PolicyId] = update.LiveName;
                        var updateItem = items.Single(i => i.Kind == ChangeKind.Update && i.PolicyId == update.PolicyId);
                        writes.Add((Phase(update.Desired), update.Desired.Precedence, () => Update(update, updateItem)));
                        break;
                }
            }

            foreach (var move in moves.Values)
            {
                writes.Add((3, move.To, () => FinishMove(move.PolicyId)));
            }

            nextFree = livePrecedences.Values.Concat(final.Values).DefaultIfEmpty(0).Max() + 1;
        }

        private static int Phase(DesiredPolicy policy) => policy.Decision == Decision.Deny ? 1 : 2;

        public ImmutableArray<ApplyStep> Run()
        {
            foreach (var (_, _, write) in writes.OrderBy(w => w.Phase).ThenBy(w => w.Order))
            {
                write();
            }

            return [.. steps];
        }

        private void Delete(DeletePolicy delete, PlanItem item)
        {
            steps.Add(new DeleteStep(app, [item], delete.PolicyId, delete.Name));
            pendingDeletes.Remove(delete.PolicyId);
            Vacate(delete.PolicyId);
        }

        private void Create(string key, DesiredPolicy desired, PlanItem item)
        {
            MakeRoom(desired.Precedence, key, [key]);
            steps.Add(new CreateStep(app, [item], desired));
            Occupy(key, desired.Precedence);
        }

        private void Update(UpdatePolicy update, PlanItem item)
        {
            var target = final[update.PolicyId];
            MakeRoom(target, update.PolicyId, [update.PolicyId]);
            ImmutableArray<PlanItem> realised = pendingMoves.Remove(update.PolicyId, out var move) ? [item, move] : [item];
            steps.Add(new UpdateStep(app, realised, StepPurpose.Change, update.PolicyId, update.LiveName, update.Desired, target));
            Occupy(update.PolicyId, target);
        }

        /// <summary>A policy that is only reordered, and was not already moved to make room for another.</summary>
        private void FinishMove(string id)
        {
            if (pendingMoves.ContainsKey(id))
            {
                MoveToFinal(id, [id]);
            }
        }

        private void MoveToFinal(string id, ImmutableHashSet<string> chain)
        {
            var target = final[id];
            MakeRoom(target, id, chain);
            ImmutableArray<PlanItem> realised = pendingMoves.Remove(id, out var move) ? [move] : [];
            steps.Add(new UpdateStep(app, realised, StepPurpose.Change, id, names[id], null, target));
            Occupy(id, target);
        }

        /// <summary>
        /// Frees <paramref name="precedence"/> for <paramref name="policy"/>. <paramref name="chain"/> holds the policies
        /// already waiting on this one; meeting one of them again is a cycle.
        /// </summary>
        private void MakeRoom(int precedence, string policy, ImmutableHashSet<string> chain)
        {
            if (!occupant.TryGetValue(precedence, out var holder) || holder == policy)
            {
                return;
            }

            if (pendingDeletes.Contains(holder) || chain.Contains(holder))
            {
                Park(holder);
                return;
            }

            if (!final.ContainsKey(holder))
            {
                throw new InvalidOperationException(
                    $"precedence {precedence} is held by policy {holder}, which the plan does not manage; plan again");
            }

            MoveToFinal(holder, chain.Add(holder));
        }

        /// <summary>Moves a policy to a precedence above every other for a moment: it breaks a cycle of moves.</summary>
        private void Park(string id)
        {
            var target = nextFree++;
            steps.Add(new UpdateStep(app, [], StepPurpose.MakeRoom, id, names.GetValueOrDefault(id, id), null, target));
            Occupy(id, target);
        }

        private void Occupy(string id, int precedence)
        {
            Vacate(id);
            occupant[precedence] = id;
            position[id] = precedence;
        }

        private void Vacate(string id)
        {
            if (position.Remove(id, out var old) && occupant.GetValueOrDefault(old) == id)
            {
                occupant.Remove(old);
            }
        }
    }
}
