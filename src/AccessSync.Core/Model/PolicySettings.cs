using System.Collections.Immutable;

namespace AccessSync.Core.Model;

/// <summary>
/// The optional settings of a policy. A null field is not managed by the file: AccessSync neither shows nor
/// changes it, and the live value is kept.
/// </summary>
public sealed record PolicySettings(
    string? SessionDuration = null,
    bool? ApprovalRequired = null,
    ImmutableArray<ApprovalGroup>? ApprovalGroups = null,
    bool? IsolationRequired = null,
    bool? PurposeJustificationRequired = null,
    string? PurposeJustificationPrompt = null,
    MfaConfig? MfaConfig = null,
    ConnectionRules? ConnectionRules = null)
{
    public static PolicySettings None { get; } = new();

    /// <summary>
    /// These settings, with each one they leave unset taken from <paramref name="defaults"/>: the defaults themselves
    /// when these set nothing (most policies), so that they share one object.
    /// </summary>
    public PolicySettings Over(PolicySettings defaults) => TakesNothingFrom(defaults) ? this : this == None ? defaults : new(
        SessionDuration ?? defaults.SessionDuration,
        ApprovalRequired ?? defaults.ApprovalRequired,
        ApprovalGroups ?? defaults.ApprovalGroups,
        IsolationRequired ?? defaults.IsolationRequired,
        PurposeJustificationRequired ?? defaults.PurposeJustificationRequired,
        PurposeJustificationPrompt ?? defaults.PurposeJustificationPrompt,
        MfaConfig ?? defaults.MfaConfig,
        ConnectionRules ?? defaults.ConnectionRules);

    /// <summary>Every setting <paramref name="defaults"/> has, these have too (as with no defaults at all): laid over them, they stay as they are.</summary>
    private bool TakesNothingFrom(PolicySettings defaults) =>
        (SessionDuration is not null || defaults.SessionDuration is null)
        && (ApprovalRequired is not null || defaults.ApprovalRequired is null)
        && (ApprovalGroups is not null || defaults.ApprovalGroups is null)
        && (IsolationRequired is not null || defaults.IsolationRequired is null)
        && (PurposeJustificationRequired is not null || defaults.PurposeJustificationRequired is null)
        && (PurposeJustificationPrompt is not null || defaults.PurposeJustificationPrompt is null)
        && (MfaConfig is not null || defaults.MfaConfig is null)
        && (ConnectionRules is not null || defaults.ConnectionRules is null);
}

/// <summary>Who must approve an access request, and how many of them.</summary>
public sealed record ApprovalGroup(int ApprovalsNeeded, ImmutableArray<string>? EmailAddresses, string? EmailListUuid);

public sealed record MfaConfig(ImmutableArray<string>? AllowedAuthenticators, bool? MfaDisabled, string? SessionDuration);

public sealed record ConnectionRules(RdpConnectionRules? Rdp, SshConnectionRules? Ssh);

public sealed record RdpConnectionRules(ImmutableArray<string>? AllowedClipboardLocalToRemoteFormats, ImmutableArray<string>? AllowedClipboardRemoteToLocalFormats);

public sealed record SshConnectionRules(ImmutableArray<string> Usernames, bool? AllowEmailAlias);
