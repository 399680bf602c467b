using System.Collections.Immutable;
using System.Text;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Tests.Support;

/// <summary>Writes a loaded application file as stable, readable text, so a whole model can be approved at once.</summary>
internal static class ModelDump
{
    public static string Of(ApplicationFile file)
    {
        var text = new StringBuilder();
        text.AppendLine($"{file.Path}: app {file.App}; scope {file.Scope?.ToString() ?? "(inherited)"}; prune {file.Prune?.ToString() ?? "(inherited)"}");
        foreach (var policy in file.Policies)
        {
            text.AppendLine($"  policy {policy.Name}: {WireNames.Of(policy.Decision)}"
                + (policy.Id is null ? string.Empty : $", id {policy.Id}")
                + (policy.Precedence is null ? string.Empty : $", precedence {policy.Precedence}"));
            Rules(text, "include", policy.Include);
            Rules(text, "exclude", policy.Exclude);
            Rules(text, "require", policy.Require);
            Settings(text, policy.Settings);
        }

        return text.ToString();
    }

    private static void Rules(StringBuilder text, string list, ImmutableArray<Rule>? rules)
    {
        if (rules is null)
        {
            text.AppendLine($"    {list}: (unmanaged)");
            return;
        }

        foreach (var rule in rules)
        {
            text.AppendLine($"    {list} {rule}{(rule is ReferenceRule { Reference.IsName: true } ? "  (name to resolve)" : string.Empty)}");
        }
    }

    private static void Settings(StringBuilder text, PolicySettings s)
    {
        Line(text, "session_duration", s.SessionDuration);
        Line(text, "approval_required", s.ApprovalRequired);
        if (s.ApprovalGroups is { } groups)
        {
            foreach (var g in groups)
            {
                Line(text, "approval_group", $"{g.ApprovalsNeeded} of [{List(g.EmailAddresses)}] list {g.EmailListUuid ?? "-"}");
            }
        }

        Line(text, "isolation_required", s.IsolationRequired);
        Line(text, "purpose_justification_required", s.PurposeJustificationRequired);
        Line(text, "purpose_justification_prompt", s.PurposeJustificationPrompt);
        if (s.MfaConfig is { } mfa)
        {
            Line(text, "mfa_config", $"authenticators [{List(mfa.AllowedAuthenticators)}], disabled {mfa.MfaDisabled?.ToString() ?? "-"}, session {mfa.SessionDuration ?? "-"}");
        }

        if (s.ConnectionRules?.Rdp is { } rdp)
        {
            Line(text, "connection_rules.rdp", $"to remote [{List(rdp.AllowedClipboardLocalToRemoteFormats)}], to local [{List(rdp.AllowedClipboardRemoteToLocalFormats)}]");
        }

        if (s.ConnectionRules?.Ssh is { } ssh)
        {
            Line(text, "connection_rules.ssh", $"usernames [{List(ssh.Usernames)}], email alias {ssh.AllowEmailAlias?.ToString() ?? "-"}");
        }
    }

    private static string List(ImmutableArray<string>? items) => items is null ? "-" : string.Join(", ", items);

    private static void Line(StringBuilder text, string name, object? value)
    {
        if (value is not null)
        {
            text.AppendLine($"    {name}: {value}");
        }
    }
}
