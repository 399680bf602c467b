using System.Collections.Frozen;

namespace AccessSync.Core.Normalization;

/// <summary>
/// The policy fields AccessSync manages, as dotted paths into the API's object. Settings nested in an object
/// (<c>mfa_config</c>, <c>connection_rules</c>) are managed one leaf at a time, so a file that sets one of them
/// leaves its siblings as they are live.
/// </summary>
public static class PolicyFields
{
    public const string Name = "name";
    public const string Decision = "decision";
    public const string Include = "include";
    public const string Exclude = "exclude";
    public const string Require = "require";
    public const string Precedence = "precedence";
    public const string SessionDuration = "session_duration";
    public const string ApprovalRequired = "approval_required";
    public const string ApprovalGroups = "approval_groups";
    public const string IsolationRequired = "isolation_required";
    public const string PurposeJustificationRequired = "purpose_justification_required";
    public const string PurposeJustificationPrompt = "purpose_justification_prompt";
    public const string MfaAllowedAuthenticators = "mfa_config.allowed_authenticators";
    public const string MfaDisabled = "mfa_config.mfa_disabled";
    public const string MfaSessionDuration = "mfa_config.session_duration";
    public const string RdpLocalToRemote = "connection_rules.rdp.allowed_clipboard_local_to_remote_formats";
    public const string RdpRemoteToLocal = "connection_rules.rdp.allowed_clipboard_remote_to_local_formats";
    public const string SshUsernames = "connection_rules.ssh.usernames";
    public const string SshAllowEmailAlias = "connection_rules.ssh.allow_email_alias";

    /// <summary>Every managed path, in the order a policy is shown.</summary>
    public static readonly IReadOnlyList<string> DisplayOrder =
    [
        Name, Decision, Include, Exclude, Require, SessionDuration, ApprovalRequired, ApprovalGroups, IsolationRequired,
        PurposeJustificationRequired, PurposeJustificationPrompt, MfaAllowedAuthenticators, MfaDisabled, MfaSessionDuration,
        RdpLocalToRemote, RdpRemoteToLocal, SshUsernames, SshAllowEmailAlias,
    ];

    public static readonly FrozenSet<string> RuleLists = new[] { Include, Exclude, Require }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> Durations = new[] { SessionDuration, MfaSessionDuration }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Booleans the API treats as false when absent or null.</summary>
    public static readonly FrozenSet<string> Flags = new[]
    {
        ApprovalRequired, IsolationRequired, PurposeJustificationRequired, MfaDisabled, SshAllowEmailAlias,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>String lists whose order carries no meaning.</summary>
    public static readonly FrozenSet<string> StringSets = new[]
    {
        MfaAllowedAuthenticators, RdpLocalToRemote, RdpRemoteToLocal, SshUsernames,
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly Dictionary<string, int> Rank = RankOf(DisplayOrder);

    /// <summary>Each path's place in the order (a loop: LINQ over (path, index) tuples is compiled on first use in every run).</summary>
    private static Dictionary<string, int> RankOf(IReadOnlyList<string> order)
    {
        var rank = new Dictionary<string, int>(order.Count, StringComparer.Ordinal);
        for (var i = 0; i < order.Count; i++)
        {
            rank[order[i]] = i;
        }

        return rank;
    }

    /// <summary>Orders paths as <see cref="DisplayOrder"/> does; unknown paths last, by name.</summary>
    public static int Compare(string a, string b)
    {
        var ra = Rank.GetValueOrDefault(a, int.MaxValue);
        var rb = Rank.GetValueOrDefault(b, int.MaxValue);
        return ra != rb ? ra.CompareTo(rb) : string.CompareOrdinal(a, b);
    }
}
