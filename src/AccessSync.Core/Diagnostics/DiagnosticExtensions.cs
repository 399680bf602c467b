namespace AccessSync.Core.Diagnostics;

public static class DiagnosticExtensions
{
    public static bool HasErrors(this IEnumerable<Diagnostic> diagnostics) => diagnostics.Any(d => d.IsError);

    /// <summary>Orders diagnostics as a reader scans them: by file, then line, then column.</summary>
    public static IEnumerable<Diagnostic> InReadingOrder(this IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .OrderBy(d => d.Span.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Line)
            .ThenBy(d => d.Span.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ThenBy(d => d.Message, StringComparer.Ordinal);
}
