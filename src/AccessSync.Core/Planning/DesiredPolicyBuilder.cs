using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Planning;

/// <summary>
/// Turns a file's policies into <see cref="DesiredPolicy"/> values against one live scope: names of groups,
/// service tokens and identity providers become ids, and every problem is reported at its place in the file.
/// </summary>
internal sealed class DesiredPolicyBuilder(LiveScope live)
{
    private static readonly NameIndex<NamedObject> NoObjects = new([], n => n.Id, n => n.Name);

    private readonly List<Diagnostic> diagnostics = [];

    public IReadOnlyList<Diagnostic> Diagnostics => diagnostics;

    public ImmutableArray<DesiredPolicy> Build(ApplicationFile file) =>
        [.. file.Policies.Select(policy => Build(policy, policy.EffectivePrecedence))];

    /// <summary>One policy; a reusable policy, which has no precedence of its own, is built with precedence 0.</summary>
    public DesiredPolicy Build(PolicySpec spec, int precedence) => new(
        spec.Name,
        spec.Decision,
        precedence,
        spec.Id,
        Resolve(spec.Include),
        spec.Exclude is { } exclude ? Resolve(exclude) : null,
        spec.Require is { } require ? Resolve(require) : null,
        spec.Settings,
        spec.Spans.Policy);

    /// <summary>
    /// The rules with their names resolved. Where the file wrote them is dropped: a desired policy is what a saved
    /// plan records and gives back, and the policy's own place is what a later message points at.
    /// </summary>
    private ImmutableArray<Rule> Resolve(ImmutableArray<Rule> rules) => [.. rules.Select(rule => Resolve(rule) with { Span = null })];

    /// <summary>A rule, with a name in place of an id looked up in the live lists.</summary>
    private Rule Resolve(Rule rule)
    {
        if (rule is not ReferenceRule { Reference: { IsName: true, Value: var name } } reference)
        {
            return rule;
        }

        var index = LiveScopeIndex.Of(live);
        var candidates = reference switch
        {
            GroupRule => index.Groups,
            ServiceTokenRule => index.ServiceTokens,
            LoginMethodRule => index.IdentityProviders,
            _ => NoObjects,
        };
        var span = rule.Span ?? SourceSpan.StartOf(string.Empty);
        switch (candidates.Find(name, reference.ObjectKind))
        {
            case Lookup<NamedObject>.Found found:
                return reference.With(ObjectReference.Id(found.Value.Id));
            case Lookup<NamedObject>.Ambiguous ambiguous:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.AmbiguousReference, ambiguous.Message, span));
                break;
            case Lookup<NamedObject>.NotFound notFound:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownReference, $"{notFound.Message} in {live.Scope}", span));
                break;
        }

        // Keep the name, so that the rest of the file is still checked; the plan is not made when there are errors.
        return rule;
    }
}
