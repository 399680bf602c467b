using System.Collections.Immutable;
using AccessSync.Core.Live;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// One application's writes: the steps of <see cref="ApplySequencer"/> one at a time, each read back. The first
/// failure stops the application: its remaining items are not attempted, since later writes assumed the failed one.
/// </summary>
internal sealed class ApplicationWrites(AppPlan plan, LiveApplication live, IAccessWriter writer, ItemOutcomes outcomes)
{
    /// <param name="createdReusable">Reusable policies of the application's account created by this apply: name to id.</param>
    public async Task WriteAsync(IReadOnlyDictionary<string, string> createdReusable, CancellationToken cancellationToken)
    {
        ImmutableArray<ApplyStep> steps;
        try
        {
            steps = ApplySequencer.Order(plan, live);
        }
        catch (InvalidOperationException e)
        {
            outcomes.Failed(PlanItem.Of(plan), e.Message);
            return;
        }

        var objects = new LiveObjects(live.Policies, createdReusable);
        for (var index = 0; index < steps.Length; index++)
        {
            var step = steps[index];
            var result = await step.WriteAsync(writer, objects, cancellationToken);
            if (result.IsDone)
            {
                outcomes.Wrote(step.Items, step, result);
                continue;
            }

            // A write that only made room realises no item; the item it was making room for fails with it.
            var blamed = step.Items.IsEmpty ? steps.Skip(index + 1).FirstOrDefault(s => !s.Items.IsEmpty)?.Items ?? [] : step.Items;
            outcomes.Wrote(blamed, step, result);
            return;
        }
    }
}
