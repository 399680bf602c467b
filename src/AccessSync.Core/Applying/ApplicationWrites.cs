using System.Collections.Immutable;
using AccessSync.Core.Live;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// One application's writes: the steps of <see cref="ApplySequencer"/> one at a time, each read back. The first
/// failure stops the application: its remaining items are not attempted, since later writes assumed the failed one.
/// So does a stopping apply, between two writes.
/// </summary>
internal sealed class ApplicationWrites(AppPlan plan, LiveApplication live, WriteGate gate, ItemOutcomes outcomes)
{
    /// <summary>
    /// Set when the caller re-plans: a write that failed because live changed under it (<see cref="StepResult.LiveChanged"/>)
    /// is handed back, it and the items after it left unrecorded, instead of failing them.
    /// </summary>
    public bool HandsBackLiveChanges { get; init; }

    /// <param name="createdReusable">Reusable policies of the application's account created by this apply: name to id.</param>
    /// <returns>Why a write failed because live changed under it, when <see cref="HandsBackLiveChanges"/>; otherwise null.</returns>
    public async Task<string?> WriteAsync(IReadOnlyDictionary<string, string> createdReusable, CancellationToken cancellationToken)
    {
        ImmutableArray<ApplyStep> steps;
        try
        {
            steps = ApplySequencer.Order(plan, live);
        }
        catch (InvalidOperationException e)
        {
            outcomes.Failed(PlanItem.Of(plan), e.Message);
            return null;
        }

        var objects = new LiveObjects(live.Policies, createdReusable);
        for (var index = 0; index < steps.Length; index++)
        {
            var step = steps[index];
            if (await gate.WriteAsync(step, objects, cancellationToken) is not { } result)
            {
                return null;
            }

            if (result.IsDone)
            {
                outcomes.Wrote(step.Items, step, result);
                continue;
            }

            if (HandsBackLiveChanges && result.LiveChanged)
            {
                return $"{step.Describe()}: {result.Failure}";
            }

            // A write that only made room realises no item; the item it was making room for fails (or is unknown) with it.
            var blamed = step.Items.IsEmpty ? steps.Skip(index + 1).FirstOrDefault(s => !s.Items.IsEmpty)?.Items ?? [] : step.Items;
            outcomes.Wrote(blamed, step, result);
            outcomes.NotAttempted(steps.Skip(index + 1).SelectMany(s => s.Items).Except(blamed), $"an earlier write of {plan.App.Name} did not end done");
            return null;
        }

        return null;
    }
}
