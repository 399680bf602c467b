using System.Text.Json;

namespace AccessSync.Core.Applying;

/// <summary>How the API answered one write.</summary>
/// <param name="Written">The object the API says it stored; null for a delete, or when it answered without one.</param>
/// <param name="Failure">The API's error, one line; null when it accepted the write.</param>
public sealed record WriteAnswer(JsonElement? Written, string? Failure)
{
    public static WriteAnswer Done(JsonElement? written) => new(written, null);

    public static WriteAnswer Failed(string message) => new(null, message);
}
