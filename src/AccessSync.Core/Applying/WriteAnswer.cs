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

    public static WriteAnswer Done(JsonElement? written) => new(written, null);

    public static WriteAnswer Failed(string message) => new(null, message);

    /// <summary>The write ended with <paramref name="lostAnswer"/>, and a read then found <paramref name="held"/>.</summary>
    public static WriteAnswer ReadAfterLostAnswer(JsonElement? held, string lostAnswer) => new(held, null) { LostAnswer = lostAnswer };
}
