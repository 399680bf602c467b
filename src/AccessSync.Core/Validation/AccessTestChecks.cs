using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Validation;

/// <summary>
/// The checks of access-test files: within a file, and against the applications the files define, so that a
/// test of a renamed application or policy fails in validate, at its line, rather than passing vacuously.
/// </summary>
public static class AccessTestChecks
{
    /// <summary>Two cases with one name would be told apart in no report.</summary>
    public static ImmutableArray<Diagnostic> Check(AccessTestFile file) =>
    [
        .. file.Cases
            .Select((c, index) => (Case: c, First: file.Cases.Take(index).FirstOrDefault(e => string.Equals(e.Name, c.Name, StringComparison.OrdinalIgnoreCase))))
            .Where(c => c.First is not null)
            .Select(c => Diagnostic.Error(
                DiagnosticCodes.DuplicateTestCase,
                $"case name `{c.Case.Name}` is already used at line {c.First!.Span.Line}; each case of a file needs its own name",
                c.Case.Span)),
    ];

    /// <summary>Each file's application exists in the files, and each <c>by</c> names one of its policies (or <c>none</c>).</summary>
    public static IEnumerable<Diagnostic> AgainstApplications(
        ImmutableArray<AccessTestFile> tests,
        ImmutableArray<DesiredApplication> applications)
    {
        foreach (var test in tests)
        {
            if (DesiredAccess.Find(applications, test.App) is not { } application)
            {
                var known = NameLookup.Find(applications, test.App, a => a.App.Value, a => a.App.Value, "application") as Lookup<DesiredApplication>.NotFound;
                yield return Diagnostic.Error(
                    DiagnosticCodes.UntestedApplication,
                    $"{known?.Message ?? $"no application is named `{test.App}`"} in the files; give the name, id or domain its application file gives",
                    test.AppSpan);
                continue;
            }

            // Its own policies and the reusable ones it uses, which are known by the names it uses them by.
            var policies = application.Policies.Select(p => p.Name).Concat(application.File.Uses.Select(u => u.Name)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var unknown in test.Cases.Where(c => c.By is not null && !c.ExpectsNoPolicy && !policies.Contains(c.By, StringComparer.OrdinalIgnoreCase)))
            {
                var known = NameLookup.Find(policies, unknown.By!, n => n, n => n, "policy") as Lookup<string>.NotFound;
                yield return Diagnostic.Error(
                    DiagnosticCodes.UnknownDecidingPolicy,
                    $"{known?.Message ?? $"no policy is named `{unknown.By}`"} in {application.App.Value}; `by` names a policy of the application, or `{AccessTestCase.NoPolicy}` when none may match",
                    unknown.BySpan ?? unknown.Span);
            }
        }
    }
}
