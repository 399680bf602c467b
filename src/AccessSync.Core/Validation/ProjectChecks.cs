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

    /// <summary>
    /// A reusable policy is known by its name in its account (the dashboard ignores case), and applications attach
    /// it by that name, so two files that define one name for one account leave every <c>use</c> of it ambiguous.
    /// </summary>
    public static ImmutableArray<Diagnostic> DuplicateReusablePolicies(IEnumerable<DesiredReusablePolicy> policies) =>
    [
        .. policies
            .GroupBy(p => (p.Scope, Name: p.Policy.Name.ToUpperInvariant()))
            .SelectMany(group => group.Skip(1).Select(second => Diagnostic.Error(
                DiagnosticCodes.DuplicateReusablePolicy,
                $"reusable policy `{second.Policy.Name}` is already defined by {group.First().File.Path}; each reusable policy of an account needs its own name",
                second.Policy.Spans.Name))),
    ];

    /// <summary>
    /// Reusable policies belong to accounts. A file cannot name a zone (the schema refuses <c>zone_id</c>), but
    /// one that names no account takes the folder's scope, which may be a zone.
    /// </summary>
    public static ImmutableArray<Diagnostic> ReusablePoliciesInZones(IEnumerable<DesiredReusablePolicy> policies) =>
    [
        .. from policy in policies
           where policy.Scope is { Kind: ScopeKind.Zone }
           select Diagnostic.Error(
               DiagnosticCodes.ReusablePolicyInZone,
               $"reusable policy `{policy.Policy.Name}` would belong to {policy.Scope}, from accesssync.yaml or the command line, but reusable policies belong to accounts; set `account_id` in this file",
               SourceSpan.StartOf(policy.File.Path)),
    ];
}
