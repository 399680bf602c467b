using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Rendering;

public static class DiagnosticRenderer
{
    public static string Render(Diagnostic diagnostic, DiagnosticFormat format) => format switch
    {
        DiagnosticFormat.GitHub => GitHubCommand(diagnostic),
        _ => diagnostic.ToString(),
    };

    /// <summary>A summary line such as <c>8 files: 2 errors, 1 warning.</c></summary>
    public static string Summary(int files, IReadOnlyCollection<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.IsError);
        var warnings = diagnostics.Count - errors;
        return $"{Plural(files, "file")} checked: {Plural(errors, "error")}, {Plural(warnings, "warning")}.";
    }

    private static string GitHubCommand(Diagnostic d)
    {
        var level = d.IsError ? "error" : "warning";
        return $"::{level} file={Property(d.Span.Path)},line={d.Span.Line},col={d.Span.Column},title={Property(d.Code)}::{Data(d.Message)}";
    }

    // Escaping as GitHub's runner (actions/toolkit, command.ts) expects.
    private static string Data(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string value) =>
        Data(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
