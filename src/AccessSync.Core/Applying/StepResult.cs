namespace AccessSync.Core.Applying;

/// <summary>How one step's write ended: done, failed and why, or unknown because it was abandoned in flight.</summary>
/// <param name="Failure">Why the write did not do what it should, or why its outcome is unknown; null when it is done.</param>
/// <param name="Note">For a write that is done, how it was known to be: set when its answer was lost and a read confirmed it.</param>
internal sealed record StepResult(string? Failure, string? Note)
{
    public bool IsDone => Failure is null;

    /// <summary>Done, failed, or unknown.</summary>
    public WriteOutcome Outcome { get; private init; } = WriteOutcome.Done;

    /// <summary>The id of the object the API holds after the write, when it gave one (a created policy's new id).</summary>
    public string? WrittenId { get; init; }

    public static StepResult Done { get; } = new(null, null);

    /// <summary>Done although no answer said so: a read afterwards found what the write should have made.</summary>
    public static StepResult ConfirmedByReading { get; } = new(null, "its answer was lost; a read confirmed it");

    /// <summary>Sent, then abandoned before an answer came (a second Ctrl-C, or the grace for writes in flight ran out).</summary>
    public static StepResult Abandoned { get; } = new("the apply was stopped while this write was in flight; whether it was made is unknown (plan again to see)", null) { Outcome = WriteOutcome.Unknown };

    /// <summary>
    /// The write failed in a way another writer's change explains: the API refused it for the state it found (a
    /// precedence taken, an object gone). Reading the application again and re-planning it may converge.
    /// </summary>
    public bool LiveChanged { get; init; }

    public static StepResult Failed(string failure) => new(failure, null) { Outcome = WriteOutcome.Failed };

    /// <summary>Failed, perhaps because live changed under the write (<see cref="LiveChanged"/>).</summary>
    public static StepResult FailedAsLiveChanged(string failure) => Failed(failure) with { LiveChanged = true };
}
