using System.Collections.Immutable;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>How one write ended.</summary>
public enum WriteOutcome
{
    /// <summary>The API holds what the write sent (its answer said so, or a read confirmed it).</summary>
    Done,

    /// <summary>The API refused the write, or holds something other than what was sent.</summary>
    Failed,

    /// <summary>The write was sent and the apply was stopped before an answer came: it may or may not have been made.</summary>
    Unknown,
}

/// <summary>The request a write sends: its method and its path relative to the API's base URL.</summary>
public sealed record WriteRequest(string Method, string Path)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// One write of an apply as it ended, told the moment it ends, in the order writes end (applications are written
/// in parallel): what a streamed report prints and a journal keeps, so that a run killed at any point has said
/// exactly which writes it made.
/// </summary>
/// <param name="At">When the write ended.</param>
/// <param name="App">The application written, or an account's reusable policies.</param>
/// <param name="Change">What the write does, as a report says it: <c>update "Engineers" at precedence 2</c>.</param>
/// <param name="PolicyId">The policy written (for a create, the id the API gave it, when known); null for an application's policies list.</param>
/// <param name="Message">Why it failed, why its outcome is unknown, or how a done write was confirmed when its answer was lost.</param>
/// <param name="Items">The plan items the write realises; none for a move that only makes room.</param>
public sealed record WriteRecord(
    DateTimeOffset At,
    AppTarget App,
    string Change,
    WriteRequest Request,
    WriteOutcome Outcome,
    string? PolicyId,
    string? Message,
    ImmutableArray<PlanItem> Items);
