using System.Collections.Immutable;
using AccessSync.Core.Model;

namespace AccessSync.Core.Evaluation;

/// <summary>
/// An application's policies as its files would make them, offline: its own policies at their precedences, and
/// each reusable policy it uses at the place of its <c>use</c> entry, as the files define it.
/// </summary>
/// <param name="Missing">Reusable policies the application uses that no file defines (they live only in the account).</param>
public sealed record DesiredAccess(DesiredApplication Application, ImmutableArray<EvaluatedPolicy> Policies, ImmutableArray<string> Missing)
{
    public static DesiredAccess Of(Project project, DesiredApplication application)
    {
        var own = application.Policies.Select(p => new EvaluatedPolicy(p.Name, p.Decision, p.EffectivePrecedence, RuleSets.Of(p.Include, p.Exclude, p.Require)));
        var used = application.File.Uses
            .Select(use => (Use: use, Defined: project.ReusablePolicies.FirstOrDefault(r => string.Equals(r.File.Policy.Name, use.Name, StringComparison.OrdinalIgnoreCase))?.File.Policy))
            .ToList();
        var reusable = used
            .Where(u => u.Defined is not null)
            .Select(u => new EvaluatedPolicy(u.Defined!.Name, u.Defined.Decision, u.Use.EffectivePrecedence, RuleSets.Of(u.Defined.Include, u.Defined.Exclude, u.Defined.Require)));
        return new DesiredAccess(application, [.. own.Concat(reusable)], [.. used.Where(u => u.Defined is null).Select(u => u.Use.Name)]);
    }

    /// <summary>The application a command line names: by the name, id or domain its file gives, in any letter case.</summary>
    public static DesiredApplication? Find(Project project, string app) => Find(project.Applications, app);

    public static DesiredApplication? Find(IEnumerable<DesiredApplication> applications, string app) =>
        applications.FirstOrDefault(a => string.Equals(a.App.Value, app.Trim(), StringComparison.OrdinalIgnoreCase));
}
