namespace AccessSync.Core.Review;

/// <summary>How a change lets more requests in.</summary>
public enum WideningKind
{
    /// <summary>An allowing policy now includes <c>everyone</c>.</summary>
    Everyone,

    /// <summary>A policy now bypasses Access or lets requests in without an identity (bypass, non_identity).</summary>
    NoIdentity,

    /// <summary>A rule that narrowed who an allowing policy matches is gone or matches less (require, exclude).</summary>
    RuleRemoved,

    /// <summary>An allowing policy's include gains a rule, or one of its rules matches more (a wider range, a domain for an address).</summary>
    IncludeWidened,

    /// <summary>A new allow policy, created in the application or attached to it: whoever it matches now gets in.</summary>
    NewAllow,

    /// <summary>A deny policy blocks fewer requests, or none: deleted, no longer deny, or an include rule removed.</summary>
    DenyNarrowed,

    /// <summary>A session (or an MFA session) lasts longer.</summary>
    LongerSession,

    /// <summary>A check is turned off: approval, isolation, purpose justification, or MFA is disabled.</summary>
    CheckDisabled,

    /// <summary>An allow policy now comes before a deny policy it came after, so the deny no longer stops what both match.</summary>
    Overtakes,
}
