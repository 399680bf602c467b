namespace AccessSync.Core.Diagnostics;

/// <summary>One problem a user can fix, at the place they must fix it.</summary>
/// <param name="Code">A stable, kebab-case rule id such as <c>unknown-key</c>; see <see cref="DiagnosticCodes"/>.</param>
public sealed record Diagnostic(string Code, string Message, SourceSpan Span, Severity Severity)
{
    public static Diagnostic Error(string code, string message, SourceSpan span) => new(code, message, span, Severity.Error);

    public static Diagnostic Warning(string code, string message, SourceSpan span) => new(code, message, span, Severity.Warning);

    public bool IsError => Severity == Severity.Error;

    public override string ToString() =>
        $"{Span}: {(IsError ? "error" : "warning")}: {Message} [{Code}]";
}
