using System.Globalization;
using System.Xml.Linq;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Text;

namespace AccessSync.Core.Rendering;

/// <summary>
/// An access-test run as JUnit XML, the format CI systems read test reports in (GitHub Actions through a reporter,
/// GitLab, Jenkins): one suite per test file, one test case per case, a failure with what was expected and what happened.
/// </summary>
public static class JUnitReport
{
    public static string Render(IReadOnlyCollection<AccessTestResult> results)
    {
        var suites = results
            .GroupBy(r => r.File.Path, StringComparer.Ordinal)
            .Select(file => Suite(file.Key, [.. file]));
        var root = new XElement(
            "testsuites",
            new XAttribute("name", "accesssync test"),
            Counts(results),
            suites);
        return $"{new XDeclaration("1.0", "utf-8", null)}\n{root}\n";
    }

    private static XElement Suite(string path, IReadOnlyCollection<AccessTestResult> results) => new(
        "testsuite",
        new XAttribute("name", Text(path)),
        Counts(results),
        results.Select(Case));

    private static XElement Case(AccessTestResult result) => new(
        "testcase",
        new XAttribute("classname", Text(result.File.App)),
        new XAttribute("name", Text(result.Case.Name)),
        new XAttribute("file", Text(result.File.Path)),
        new XAttribute("line", result.Case.Span.Line.ToString(CultureInfo.InvariantCulture)),
        result.Passed
            ? null
            : new XElement(
                "failure",
                new XAttribute("message", Text($"expected {result.Expected}, got {result.Actual}")),
                new XAttribute("type", AccessTestRenderer.ToDiagnostic(result).Code),
                Text(AccessTestRenderer.ToDiagnostic(result).ToString())));

    private static XAttribute[] Counts(IReadOnlyCollection<AccessTestResult> results) =>
    [
        new("tests", results.Count.ToString(CultureInfo.InvariantCulture)),
        new("failures", results.Count(r => !r.Passed).ToString(CultureInfo.InvariantCulture)),
        new("errors", "0"),
    ];

    /// <summary>Names come from files: escaped so that no control character (which XML 1.0 cannot hold at all) reaches the report.</summary>
    private static string Text(string value) => DisplayText.Name(value);
}
