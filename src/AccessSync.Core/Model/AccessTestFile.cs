using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Evaluation;

namespace AccessSync.Core.Model;

/// <summary>
/// A file of access tests: a file under <c>tests/</c> at the root, or one that says <c>kind: access-test</c>. Its
/// cases say who makes a request to one application and what Access must decide.
/// </summary>
/// <param name="App">The application, by the name, id or domain its file gives.</param>
public sealed record AccessTestFile(string Path, string App, SourceSpan AppSpan, ImmutableArray<AccessTestCase> Cases);

/// <summary>One request and the decision Access must reach for it.</summary>
/// <param name="By">The policy that must decide, by name; <see cref="AccessTestCase.NoPolicy"/> when none may match; null when any may.</param>
/// <param name="Span">The case's <c>name</c>, where a failure is reported.</param>
public sealed record AccessTestCase(string Name, Identity Who, Decision Expect, string? By, SourceSpan Span, SourceSpan? BySpan)
{
    /// <summary>What <c>by</c> says when no policy may match: the request is denied by default.</summary>
    public const string NoPolicy = "none";

    public bool ExpectsNoPolicy => string.Equals(By, NoPolicy, StringComparison.OrdinalIgnoreCase);
}
