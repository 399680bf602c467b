using System.Collections.Immutable;

namespace AccessSync.Core.Exporting;

/// <summary>One file an export writes, by its path below the export's root ('/'-separated).</summary>
public sealed record ExportedFile(string RelativePath, string Text);

/// <summary>Why one application (or one <c>--app</c> that matched none) was not exported.</summary>
/// <param name="Subject">The application as a person knows it (<c>Grafana (id)</c>), or the unmatched selector.</param>
public sealed record ExportProblem(string Subject, string Message)
{
    public override string ToString() => $"{Subject}: {Message}";
}

/// <summary>
/// The files of every application that could be exported faithfully, and a problem for each that could not:
/// an application is either written so that a plan shows no change for it, or not written at all.
/// </summary>
/// <param name="Skipped">Applications left out because a file of the folder already manages them: not a fault.</param>
public sealed record ExportResult(ImmutableArray<ExportedFile> Files, ImmutableArray<ExportProblem> Problems, ImmutableArray<ExportProblem> Skipped)
{
    public bool HasProblems => !Problems.IsEmpty;
}
