using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;

namespace AccessSync.Core.Validation;

/// <summary>The checks that span files.</summary>
public static class ProjectChecks
{
    /// <summary>Two files that manage the same application would fight over its policies on every apply.</summary>
    public static ImmutableArray<Diagnostic> DuplicateApplications(IEnumerable<DesiredApplication> applications)
    {
        var found = ImmutableArray.CreateBuilder<Diagnostic>();
        var seen = new List<DesiredApplication>();
        foreach (var app in applications)
        {
            var first = seen.FirstOrDefault(s => s.Scope == app.Scope && s.App.SameTargetAs(app.App));
            if (first is not null)
            {
                found.Add(Diagnostic.Error(
                    DiagnosticCodes.DuplicateApplication,
                    $"application {app.App} is already managed by {first.File.Path}; one application, one file",
                    app.App.Span));
            }
            else
            {
                seen.Add(app);
            }
        }

        return found.ToImmutable();
    }
}
