using AccessSync.Core.Diagnostics;
using AccessSync.Core.Text;

namespace AccessSync.Core.Rendering;

/// <summary>
/// A diagnostic as one line: <c>file:line:col: error: message [code]</c>, or a GitHub annotation. A message may quote
/// a name from a file or from live, so every character that is not plain text is escaped (one line, no terminal
/// control sequence, no bidirectional override).
/// </summary>
public static class DiagnosticRenderer
{
    public static string Render(Diagnostic diagnostic, DiagnosticFormat format) => format switch
    {
        DiagnosticFormat.GitHub => GitHubCommand(diagnostic),
        _ => DisplayText.Name(diagnostic.ToString()),
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
        return $"::{level} file={Property(d.Span.Path)},line={d.Span.Line},col={d.Span.Column},title={Property(d.Code)}::{Data(DisplayText.Name(d.Message))}";
    }

    // Escaping as GitHub's runner (actions/toolkit, command.ts) expects.
    private static string Data(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string value) =>
        Data(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
