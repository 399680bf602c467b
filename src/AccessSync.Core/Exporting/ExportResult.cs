using System.Collections.Immutable;

namespace AccessSync.Core.Exporting;

/// <summary>One file an export writes, by its path below the export's root ('/'-separated).</summary>
public sealed record ExportedFile(string RelativePath, string Text);

/// <summary>Why one application or reusable policy (or one <c>--app</c> that matched none) was not exported.</summary>
/// <param name="Subject">
/// The application or reusable policy as a person knows it (<c>Grafana (id)</c>, <c>reusable policy Allow
/// developers (id)</c>), or the unmatched selector.
/// </param>
public sealed record ExportProblem(string Subject, string Message)
{
    public override string ToString() => $"{Subject}: {Message}";
}

/// <summary>
/// The files of every application and reusable policy that could be exported faithfully, and a problem for each
/// that could not: each is either written so that a plan shows no change for it, or not written at all.
/// </summary>
/// <param name="Skipped">
/// Applications and reusable policies left out because a file of the folder already manages or defines them: not
/// a fault.
/// </param>
public sealed record ExportResult(ImmutableArray<ExportedFile> Files, ImmutableArray<ExportProblem> Problems, ImmutableArray<ExportProblem> Skipped)
{
    public bool HasProblems => !Problems.IsEmpty;
}
