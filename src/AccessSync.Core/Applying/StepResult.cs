namespace AccessSync.Core.Applying;

/// <summary>How one step's write ended: done, or failed and why.</summary>
/// <param name="Failure">Why the write did not do what it should; null when it did.</param>
/// <param name="Note">For a write that is done, how it was known to be: set when its answer was lost and a read confirmed it.</param>
internal sealed record StepResult(string? Failure, string? Note)
{
    public bool IsDone => Failure is null;

    public static StepResult Done { get; } = new(null, null);

    /// <summary>Done although no answer said so: a read afterwards found what the write should have made.</summary>
    public static StepResult ConfirmedByReading { get; } = new(null, "its answer was lost; a read confirmed it");

    /// <summary>
    /// The write failed in a way another writer's change explains: the API refused it for the state it found (a
    /// precedence taken, an object gone). Reading the application again and re-planning it may converge.
    /// </summary>
    public bool LiveChanged { get; init; }

    public static StepResult Failed(string failure) => new(failure, null);

    /// <summary>Failed, perhaps because live changed under the write (<see cref="LiveChanged"/>).</summary>
    public static StepResult FailedAsLiveChanged(string failure) => new(failure, null) { LiveChanged = true };
}
