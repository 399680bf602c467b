using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace AccessSync.Core.PlanFiles;

// The saved-plan format, version 1 (Plan.FormatVersion), member by member: these records are its definition, so a
// rename in the domain model does not rename a member of a file saved before. Members are written in the order
// declared; names are the properties' in snake case.

/// <summary>The whole document.</summary>
/// <param name="Summary">Written for people and tools; a plan read back counts its changes again.</param>
/// <param name="Widening">The review's widenings, written for people and tools; a plan read back is reviewed again.</param>
/// <param name="AccessTests">Written only when the folder has access tests: their outcome under the files and under live.</param>
/// <param name="Reusable">Written only when the plan has reusable policies, so a plan without them is written as it was before they existed, and a plan saved then reads as one with none.</param>
internal sealed record PlanDocument(
    [property: JsonPropertyOrder(0)] int FormatVersion,
    [property: JsonPropertyOrder(4)] ImmutableArray<ApplicationDocument> Applications,
    [property: JsonPropertyOrder(5)] IReadOnlyDictionary<string, string> Names,
    [property: JsonPropertyOrder(6)] SafetyDocument Safety,
    [property: JsonPropertyOrder(1)] SummaryDocument? Summary = null,
    [property: JsonPropertyOrder(2)] ImmutableArray<WideningDocument>? Widening = null,
    [property: JsonPropertyOrder(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableArray<ReusableDocument>? Reusable = null,
    [property: JsonPropertyOrder(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableArray<AccessTestDocument>? AccessTests = null);

/// <summary>One access-test case the plan ran: written only when the folder has tests, so apply of a saved plan knows whether they passed.</summary>
/// <param name="Live">Null when the application is not live.</param>
internal sealed record AccessTestDocument(
    string File,
    int Line,
    string App,
    string Case,
    string Who,
    bool Passed,
    string Expected,
    string Desired,
    string DesiredDecision,
    string? Live,
    string? LiveDecision);

/// <param name="Attach">Written, with <paramref name="Detach"/>, only when the plan attaches or detaches a reusable policy.</param>
internal sealed record SummaryDocument(
    int Create,
    int Update,
    int Delete,
    int Reorder,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Attach = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Detach = null);

/// <param name="AppId">Empty for a change to a reusable policy, which belongs to no one application.</param>
/// <param name="Apps">For a change to a reusable policy only: the applications the widening reaches.</param>
/// <param name="Example">Written only with the application's example: a request the plan lets in that live refuses.</param>
internal sealed record WideningDocument(
    string AppId,
    string App,
    string Policy,
    string Kind,
    string Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableArray<string>? Apps = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LetInDocument? Example = null);

/// <summary>The thresholds apply checks a saved plan against: those of the configuration it was made from.</summary>
internal sealed record SafetyDocument(decimal MaxDeletePercent, decimal MaxUpdatePercent, int MinPolicies, bool AllowEmptyApps);
