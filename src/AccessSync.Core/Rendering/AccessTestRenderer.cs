using AccessSync.Core.Diagnostics;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Text;

namespace AccessSync.Core.Rendering;

/// <summary>
/// The report of an access-test run, one line per case at its file and line: a passed case says what decided, a
/// failed one what was expected and what happened, in validate's shape (or as a GitHub annotation); then the summary.
/// </summary>
public static class AccessTestRenderer
{
    public static IEnumerable<string> Lines(IReadOnlyCollection<AccessTestResult> results, DiagnosticFormat format) =>
    [
        .. results.Select(r => r.Passed
            ? DisplayText.Name($"{r.Case.Span}: pass: {r.Summary}")
            : DiagnosticRenderer.Render(ToDiagnostic(r), format)),
        Summary(results),
    ];

    /// <summary><c>8 passed, 1 failed.</c></summary>
    public static string Summary(IReadOnlyCollection<AccessTestResult> results) =>
        $"{results.Count(r => r.Passed)} passed, {results.Count(r => !r.Passed)} failed.";

    /// <summary>A case that did not pass, as the error a report or an annotation shows at the case.</summary>
    public static Diagnostic ToDiagnostic(AccessTestResult result) => Diagnostic.Error(
        result.Verdict == AccessTestVerdict.Undetermined ? DiagnosticCodes.AccessTestUndetermined : DiagnosticCodes.AccessTestFailed,
        result.Summary,
        result.Case.Span);
}
