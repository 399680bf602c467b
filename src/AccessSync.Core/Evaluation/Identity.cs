using System.Collections.Immutable;
using System.Net;

namespace AccessSync.Core.Evaluation;

/// <summary>
/// Who makes a request, and from where: every attribute an Access rule can test. An attribute left out is absent
/// (no email, in no group, no token), except the ones Access learns from outside the request, which are unknown
/// when left out: <see cref="DevicePosture"/>, <see cref="UserRiskScore"/> and the lists an email or address is on,
/// <see cref="EmailLists"/> and <see cref="IpLists"/> (and an external evaluation, which a case cannot state at all).
/// </summary>
/// <param name="Groups">Access groups the identity is in, by name or id.</param>
/// <param name="IdpGroups">
/// What the identity provider asserts: Okta group names, Azure AD group ids, Google Workspace group emails,
/// GitHub <c>organization</c> or <c>organization/team</c>, SAML <c>attribute=value</c>, OIDC <c>claim=value</c>.
/// </param>
/// <param name="LoginMethod">The identity provider the identity logged in with, by name or id; null when not said.</param>
/// <param name="AuthMethods">The authentication methods used (mfa, hwk, pwd, ...).</param>
/// <param name="DevicePosture">The device posture checks that pass; null when the case does not say (unknown).</param>
/// <param name="ServiceToken">The service token presented, by name or id.</param>
/// <param name="UserRiskScore">low, medium or high; null when the case does not say (unknown).</param>
/// <param name="EmailLists">The email lists (by id or name) the email is on; null when the case does not say (unknown: the lists live in Cloudflare).</param>
/// <param name="IpLists">The IP lists (by id or name) the address is in; null when the case does not say (unknown).</param>
public sealed record Identity(
    string? Email = null,
    ImmutableArray<string> Groups = default,
    ImmutableArray<string> IdpGroups = default,
    string? Country = null,
    IPAddress? Ip = null,
    string? LoginMethod = null,
    ImmutableArray<string> AuthMethods = default,
    ImmutableArray<string>? DevicePosture = null,
    string? ServiceToken = null,
    bool AnyValidServiceToken = false,
    bool Certificate = false,
    string? CommonName = null,
    string? UserRiskScore = null,
    bool AccountMember = false,
    ImmutableArray<string>? EmailLists = null,
    ImmutableArray<string>? IpLists = null)
{
    public ImmutableArray<string> Groups { get; init; } = Groups.IsDefault ? [] : Groups;

    public ImmutableArray<string> IdpGroups { get; init; } = IdpGroups.IsDefault ? [] : IdpGroups;

    public ImmutableArray<string> AuthMethods { get; init; } = AuthMethods.IsDefault ? [] : AuthMethods;

    /// <summary>The part of the email after its last <c>@</c>; null without an email.</summary>
    public string? EmailDomain => Email is { } email && email.LastIndexOf('@') is var at and >= 0 ? email[(at + 1)..] : null;
}
