using System.Text;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;
using AccessSync.Core.Text;

namespace AccessSync.Core.Rendering;

/// <summary>
/// <c>accesssync explain</c>'s answer: each policy in the order Access evaluates them, whether it matched and why
/// (each rule's verdict and the attribute it looked at), the policies never reached, and the decision.
/// </summary>
public static class ExplanationRenderer
{
    public static string Render(DesiredAccess access, AccessResult result) =>
        Render(access.Application.App.Value, access.Application.File.Path, access.Policies, access.Missing, result);

    /// <param name="source">Where the policies come from: the application's file, or "live" and its id.</param>
    /// <param name="missing">Reusable policies the application uses that could not be evaluated.</param>
    public static string Render(string app, string source, IReadOnlyCollection<EvaluatedPolicy> policies, IReadOnlyCollection<string> missing, AccessResult result)
    {
        var text = new StringBuilder();
        text.Append(DisplayText.Name(app)).Append(" (").Append(DisplayText.Name(source)).Append("), policies in evaluation order:\n");
        var evaluated = result.Order.Select(v => v.Policy).ToHashSet();
        var place = 0;
        foreach (var policy in AccessEvaluator.InEvaluationOrder(policies))
        {
            place++;
            var head = $"  {place}. {WireNames.Of(policy.Decision),-12} \"{DisplayText.Name(policy.Name)}\" (precedence {policy.Precedence})";
            if (!evaluated.Contains(policy))
            {
                text.Append(head).Append(": not reached\n");
                continue;
            }

            var verdict = result.Order.Single(v => v.Policy == policy);
            text.Append(head).Append(": ").Append(verdict.Matches switch
            {
                Truth.True => "MATCHES",
                Truth.False => "does not match",
                _ => "may match (unknown)",
            }).Append('\n');
            var lists = Enumerable.Repeat("include", policy.Rules.Include.Length)
                .Concat(Enumerable.Repeat("exclude", policy.Rules.Exclude.Length))
                .Concat(Enumerable.Repeat("require", policy.Rules.Require.Length));
            foreach (var (list, rule) in lists.Zip(verdict.Rules))
            {
                var said = rule.Truth switch
                {
                    Truth.True => "yes",
                    Truth.False => "no",
                    _ => "unknown",
                };
                text.Append($"       {list}  {DisplayText.Name(AsWritten(rule.Rule))}: {said} ({DisplayText.Name(rule.Why)})\n");
            }
        }

        foreach (var unknown in missing)
        {
            text.Append($"  (uses reusable policy \"{DisplayText.Name(unknown)}\", which no file defines: it is left out)\n");
        }

        return text.Append('\n').Append(Decision(result)).Append('\n').ToString();
    }

    /// <summary>A rule as a file would write it: its short form (<c>email: ada@example.com</c>) when it has one.</summary>
    private static string AsWritten(Rule rule) =>
        rule.Kind.ShortFormField is { } field && rule.Fields is [{ Value: TextRuleValue value } only] && only.Name == field
            ? $"{rule.Kind.Key}: {value.Text}"
            : rule.ToString();

    /// <summary>The decision in one line: by which policy, by default, or on what it depends.</summary>
    public static string Decision(AccessResult result)
    {
        if (!result.IsDetermined)
        {
            var needs = string.Join("; ", result.Unknowns.Select(u => $"{u.Rule} needs {u.Needs}").Distinct());
            return $"Decision: undetermined: it depends on what is not given, or only Access knows ({DisplayText.Name(needs)}).";
        }

        var decision = WireNames.Of(result.Decision!.Value);
        return result.IsCertain
            ? result.DecidedBy is { } policy
                ? $"Decision: {decision}, by \"{DisplayText.Name(policy.Name)}\"."
                : $"Decision: {decision}: no policy matched, and Access denies by default."
            : $"Decision: {decision}, whichever of the policies that may match decides.";
    }
}
