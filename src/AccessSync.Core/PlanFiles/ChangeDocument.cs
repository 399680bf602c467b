using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccessSync.Core.PlanFiles;

/// <summary>
/// One change, told by its <c>kind</c> (the verb of <see cref="Planning.ChangeKind"/>), written first. Field values
/// are the JSON values themselves, not strings holding JSON.
/// </summary>
/// <remarks>
/// Not abstract: a change without a kind reads as this record, which the reader refuses, saying where. Of an
/// abstract record, the serializer could only say that it cannot make one.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(DeleteDocument), "delete")]
[JsonDerivedType(typeof(CreateDocument), "create")]
[JsonDerivedType(typeof(UpdateDocument), "update")]
[JsonDerivedType(typeof(ReorderDocument), "reorder")]
[JsonDerivedType(typeof(AttachDocument), "attach")]
[JsonDerivedType(typeof(DetachDocument), "detach")]
internal record ChangeDocument;

/// <param name="Decision">Null for a decision this version does not know (a live policy's, kept as the API wrote it).</param>
internal sealed record DeleteDocument(
    string PolicyId,
    string Name,
    string? Decision,
    int? Precedence,
    IReadOnlyDictionary<string, JsonElement> Before,
    FingerprintDocument Fingerprint) : ChangeDocument;

internal sealed record CreateDocument(PolicyDocument Policy) : ChangeDocument;

internal sealed record UpdateDocument(
    string PolicyId,
    string LiveName,
    PolicyDocument Policy,
    ImmutableArray<FieldDocument> Fields,
    FingerprintDocument Fingerprint) : ChangeDocument;

/// <param name="OrderKept">Written only when true: the policies keep their order and only their numbers change.</param>
internal sealed record ReorderDocument(
    ImmutableArray<MoveDocument> Moves,
    ImmutableArray<OvertakeDocument> Overtakes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool OrderKept = false) : ChangeDocument;

/// <param name="PolicyId">Null when the plan creates the policy.</param>
internal sealed record AttachDocument(string? PolicyId, string Name, string Decision, int Precedence) : ChangeDocument;

internal sealed record DetachDocument(string PolicyId, string Name, string? Decision, int? Precedence) : ChangeDocument;

/// <summary>A policy as the files want it, with its fields in display order.</summary>
internal sealed record PolicyDocument(
    string Name,
    string Decision,
    int Precedence,
    string? Id,
    IReadOnlyDictionary<string, JsonElement> Fields,
    SpanDocument Span);

internal sealed record SpanDocument(string Path, int Line, int Column);

internal sealed record FieldDocument(string Path, JsonElement Before, JsonElement After);

internal sealed record MoveDocument(string PolicyId, string PolicyName, int From, int To, FingerprintDocument Fingerprint);

internal sealed record OvertakeDocument(string Allow, string Deny);
