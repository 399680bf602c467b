using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;

namespace AccessSync.Core.Validation;

/// <summary>The checks of meaning inside one reusable-policy file, after the schema has accepted its shape.</summary>
public static class ReusablePolicyChecks
{
    public static ImmutableArray<Diagnostic> Check(ReusablePolicyFile file) =>
    [
        .. Precedence(file.Policy),
        .. PolicyChecks.AllowsEveryone(file.Policy),
        .. PolicyChecks.TooManyRules(file.Policy),
    ];

    /// <summary>
    /// One reusable policy serves many applications, at a different place in each, so it has no precedence of its
    /// own; the policy shape shared with applications allows the key, so it is refused here.
    /// </summary>
    private static IEnumerable<Diagnostic> Precedence(PolicySpec policy)
    {
        if (policy.Spans.Precedence is { } span)
        {
            yield return Diagnostic.Error(
                DiagnosticCodes.PrecedenceInReusablePolicy,
                "a reusable policy has no precedence: the place of each `use` entry that attaches it gives one (or the entry's own `precedence`); remove `precedence` here",
                span);
        }
    }
}
