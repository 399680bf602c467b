namespace AccessSync.Core.Applying;

/// <summary>
/// The one door every write of an apply goes through: it lets no write start once the apply is stopping, turns a
/// write abandoned in flight into an outcome that says so (rather than an exception that would hide every other
/// outcome), and tells the observer of each write as it ends.
/// </summary>
/// <param name="abandon">Cancelled to abandon the writes in flight: their outcome is then unknown.</param>
internal sealed class WriteGate(IAccessWriter writer, ApplyOptions options, CancellationToken abandon)
{
    /// <summary>Why an item was not written once the apply stopped.</summary>
    public const string StoppedBeforeWrite = "the apply was stopped before this write";

    /// <summary>True once no new write may start.</summary>
    public bool IsStopping => options.StopStarting.IsCancellationRequested || abandon.IsCancellationRequested;

    /// <summary>Makes <paramref name="step"/>'s write and tells the observer how it ended; null when the apply is stopping and it was not started.</summary>
    public async Task<StepResult?> WriteAsync(ApplyStep step, LiveObjects live, CancellationToken cancellationToken)
    {
        if (IsStopping)
        {
            return null;
        }

        var request = step.Request;
        StepResult result;
        try
        {
            result = await step.WriteAsync(writer, live, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = StepResult.Abandoned;
        }

        options.Observer?.WriteEnded(new WriteRecord(
            options.Clock.GetUtcNow(),
            step.App,
            step.Describe(),
            request,
            result.Outcome,
            step.TargetPolicyId ?? result.WrittenId,
            result.Failure ?? result.Note,
            step.Items));
        return result;
    }
}
