using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Tests.Support;

/// <summary>What a user reads of a problem: that it is an error, its code, where it points, and its words.</summary>
internal static class DiagnosticAssertions
{
    public static void ShouldBeError(this Diagnostic d, string code, SourceSpan span, string message) =>
        d.ShouldSatisfyAllConditions(
            () => d.Severity.ShouldBe(Severity.Error),
            () => d.Code.ShouldBe(code),
            () => d.Span.ShouldBe(span),
            () => d.Message.ShouldBe(message));
}
