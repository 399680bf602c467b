using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace AccessSync.Core.PlanFiles;

/// <param name="Fingerprint">Null for an application without changes.</param>
/// <param name="LetIn">Written only when the plan found a request its changes let in that live refuses.</param>
internal sealed record ApplicationDocument(
    AppDocument App,
    int LivePolicyCount,
    FingerprintDocument? Fingerprint,
    ImmutableArray<ChangeDocument> Changes,
    ImmutableArray<UnmanagedDocument> Unmanaged,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LetInDocument? LetIn = null);

/// <summary>A request the plan lets in that live refuses, as words, and the policy that lets it in.</summary>
internal sealed record LetInDocument(string Who, string By);

/// <param name="ScopeKind"><c>account</c> or <c>zone</c>.</param>
internal sealed record AppDocument(string ScopeKind, string ScopeId, string Id, string Name, string File);

internal sealed record UnmanagedDocument(string PolicyId, string Name, int? Precedence, bool Reusable);

internal sealed record FingerprintDocument(string? UpdatedAt, string ContentHash);

/// <summary>A reusable policy: its account (reusable policies belong to accounts only), its change or null, and the applications using it.</summary>
/// <param name="ConvertedFrom">Written only for a policy apply converts from an application's own with make_reusable, before it updates it.</param>
internal sealed record ReusableDocument(
    string Account,
    string Name,
    string File,
    ChangeDocument? Change,
    ImmutableArray<string> Apps,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OwnerDocument? ConvertedFrom = null);

internal sealed record OwnerDocument(string AppId, string AppName, string File);
