using System.Collections.Immutable;
using System.Text.Json;

namespace AccessSync.Core.Applying;

/// <summary>How the API answered one write.</summary>
/// <param name="Written">The object the API says it stored; null for a delete, or when it answered without one.</param>
/// <param name="Failure">The API's error, one line; null when it accepted the write.</param>
public sealed record WriteAnswer(JsonElement? Written, string? Failure)
{
    /// <summary>
    /// Set when the write's own answer was lost (no answer came back, or a retry was answered for a state the lost
    /// attempt had already made): the error the write ended with. <see cref="Written"/> is then what a read found
    /// afterwards (null for a delete the read found gone), and the step judges that object as it would an answer.
    /// </summary>
    public string? LostAnswer { get; init; }

    /// <summary>The API's error codes, when it answered with an error.</summary>
    public ImmutableArray<int> ErrorCodes { get; init; } = [];

    /// <summary>
    /// The API refused the write for the state it found: a precedence taken (12130) or an object gone (12135), as
    /// another writer's change makes it do. Both codes also answer other mistakes, which a read and a re-plan then
    /// meet again.
    /// </summary>
    public bool SaysLiveChanged => ErrorCodes.Any(c => c is 12130 or 12135);

    public static WriteAnswer Done(JsonElement? written) => new(written, null);

    public static WriteAnswer Failed(string message, IEnumerable<int>? errorCodes = null) => new(null, message) { ErrorCodes = [.. errorCodes ?? []] };

    /// <summary>The write ended with <paramref name="lostAnswer"/>, and a read then found <paramref name="held"/>.</summary>
    public static WriteAnswer ReadAfterLostAnswer(JsonElement? held, string lostAnswer) => new(held, null) { LostAnswer = lostAnswer };
}
