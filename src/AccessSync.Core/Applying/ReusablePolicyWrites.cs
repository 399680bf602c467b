using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// The writes to the accounts' reusable policies, on either side of the applications' writes: created, converted
/// and updated (deny ones first) before any application attaches them, and deleted only after every application
/// that used them has let them go. One write at a time.
/// </summary>
/// <param name="accounts">The accounts as read; null when no reusable policy changes.</param>
internal sealed class ReusablePolicyWrites(WriteGate gate, ItemOutcomes outcomes, LiveState? accounts)
{
    private static readonly IReadOnlyDictionary<string, string> NoneCreated = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Each account's reusable policies as this apply last read or wrote them.</summary>
    private readonly Dictionary<Scope, LiveObjects> live = [];

    /// <summary>Ids of the policies made reusable.</summary>
    private readonly HashSet<string> converted = new(StringComparer.Ordinal);

    /// <summary>Ids of the policies the API refused to make reusable: they stay their owner's own.</summary>
    private readonly HashSet<string> refused = new(StringComparer.Ordinal);

    /// <summary>Creates, converts and updates reusable policies, deny ones first.</summary>
    public async Task WriteAsync(IEnumerable<ReusablePlan> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes.OrderBy(r => Narrowing(r.Change)))
        {
            var item = PlanItem.Of(change);
            var objects = Of(change.Account);
            if (change is { ConvertedFrom: { } owner, Change: UpdatePolicy conversion })
            {
                var make = new MakeReusableStep(item.App, conversion.Fields.IsEmpty ? [item] : [], owner, conversion.PolicyId, conversion.LiveName);
                if (await gate.WriteAsync(make, objects, cancellationToken) is not { } made)
                {
                    return;
                }

                (made.IsDone ? converted : refused).Add(conversion.PolicyId);
                if (!made.IsDone || conversion.Fields.IsEmpty)
                {
                    outcomes.Wrote([item], make, made);
                    continue;
                }
            }

            if (CreateOrUpdate(change, item) is { } step)
            {
                if (await gate.WriteAsync(step, objects, cancellationToken) is not { } result)
                {
                    return;
                }

                outcomes.Wrote([item], step, result);
            }
        }
    }

    /// <summary>Deletes reusable policies that every application detaching them has let go; the others are not attempted.</summary>
    public async Task DeleteAsync(IEnumerable<ReusablePlan> changes, IReadOnlyCollection<AppPlan> apps, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            if (change.Change is not DeletePolicy delete)
            {
                continue;
            }

            var item = PlanItem.Of(change);
            var holding = apps
                .SelectMany(PlanItem.Of)
                .Where(i => i.Kind == ChangeKind.Detach && i.PolicyId == delete.PolicyId && !outcomes.IsDone(i))
                .ToList();
            if (holding.Count > 0)
            {
                outcomes.NotAttempted([item], $"still attached to {string.Join(", ", holding.Select(h => h.App.Name).Distinct())}");
                continue;
            }

            var step = new DeleteReusableStep(item.App, [item], delete.PolicyId, delete.Name);
            if (await gate.WriteAsync(step, Of(change.Account), cancellationToken) is not { } result)
            {
                return;
            }

            outcomes.Wrote([item], step, result);
        }
    }

    /// <summary>Reusable policies of <paramref name="account"/> this apply created: name to id.</summary>
    public IReadOnlyDictionary<string, string> CreatedIn(Scope account) => live.TryGetValue(account, out var objects) ? objects.Created : NoneCreated;

    /// <summary>Why an application cannot be written: it attaches a reusable policy that was not created, or not made reusable.</summary>
    public string? WhyNotAttempted(AppPlan app) => app.Changes.OfType<AttachPolicy>()
        .Select(a => a.PolicyId switch
        {
            null when !CreatedIn(app.App.Scope).ContainsKey(a.Name) => $"reusable policy \"{a.Name}\" was not created",
            { } id when refused.Contains(id) => $"reusable policy \"{a.Name}\" was not made reusable",
            _ => null,
        })
        .FirstOrDefault(why => why is not null);

    /// <summary>The application as these writes left it: a policy converted is one of its reusable policies now.</summary>
    public LiveApplication AsLeft(LiveApplication app) =>
        app with { Policies = [.. app.Policies.Select(p => converted.Contains(p.Id) ? p with { IsReusable = true } : p)] };

    /// <summary>The write that creates or updates a reusable policy; none for a delete, which waits for the applications.</summary>
    private static ApplyStep? CreateOrUpdate(ReusablePlan change, PlanItem item) => change.Change switch
    {
        CreatePolicy create => new CreateReusableStep(item.App, [item], create.Desired),
        UpdatePolicy update => new UpdateReusableStep(item.App, [item], update.PolicyId, update.Desired),
        _ => null,
    };

    /// <summary>Deny policies first: a change that blocks more goes before one that lets more in.</summary>
    private static int Narrowing(PolicyChange? change) => change is CreatePolicy { Desired.Decision: Decision.Deny } or UpdatePolicy { Desired.Decision: Decision.Deny } ? 0 : 1;

    private LiveObjects Of(Scope account)
    {
        if (!live.TryGetValue(account, out var objects))
        {
            live[account] = objects = new LiveObjects(accounts?.For(account)?.ReusablePolicies ?? []);
        }

        return objects;
    }
}
