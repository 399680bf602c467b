using System.Collections.Immutable;

namespace AccessSync.Core.Rules;

/// <summary>Matches a login through one identity provider.</summary>
public sealed record LoginMethodRule(ObjectReference Reference) : ReferenceRule(Reference)
{
    public static readonly RuleKind Wire = new("login_method", static (ref f) => new LoginMethodRule(f.Reference("id")) { Span = f.Span }, shortFormField: "id");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("id", Reference.Value));

    public override string ObjectKind => "identity provider";
}

/// <summary>Matches a login that used an authentication method (RFC 8176: <c>mfa</c>, <c>hwk</c>, <c>pwd</c>, ...).</summary>
public sealed record AuthMethodRule(string Method) : Rule
{
    public static readonly RuleKind Wire = new("auth_method", static (ref f) => new AuthMethodRule(f.Text("auth_method")) { Span = f.Span }, shortFormField: "auth_method");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("auth_method", Method));
}

/// <summary>Matches the members of an Azure AD group, as the identity provider asserts them.</summary>
public sealed record AzureAdGroupRule(string GroupId, string IdentityProviderId) : Rule
{
    public static readonly RuleKind Wire = new("azureAD", static (ref f) => new AzureAdGroupRule(f.Text("id"), f.Text("identity_provider_id")) { Span = f.Span });

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("id", GroupId), ("identity_provider_id", IdentityProviderId));
}

/// <summary>Matches the members of a GitHub organization, or of one of its teams.</summary>
public sealed record GitHubOrganizationRule(string Organization, string IdentityProviderId, string? Team) : Rule
{
    public static readonly RuleKind Wire = new("github-organization", static (ref f) => new GitHubOrganizationRule(f.Text("name"), f.Text("identity_provider_id"), f.OptionalText("team")) { Span = f.Span });

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("name", Organization), ("identity_provider_id", IdentityProviderId), ("team", Team));
}

/// <summary>Matches the members of a Google Workspace group.</summary>
public sealed record GSuiteGroupRule(string GroupEmail, string IdentityProviderId) : Rule
{
    public static readonly RuleKind Wire = new("gsuite", static (ref f) => new GSuiteGroupRule(f.Text("email"), f.Text("identity_provider_id")) { Span = f.Span });

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("email", GroupEmail), ("identity_provider_id", IdentityProviderId));
}

/// <summary>Matches the members of an Okta group.</summary>
public sealed record OktaGroupRule(string GroupName, string IdentityProviderId) : Rule
{
    public static readonly RuleKind Wire = new("okta", static (ref f) => new OktaGroupRule(f.Text("name"), f.Text("identity_provider_id")) { Span = f.Span });

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("name", GroupName), ("identity_provider_id", IdentityProviderId));
}

/// <summary>Matches a SAML attribute the identity provider asserts.</summary>
public sealed record SamlAttributeRule(string AttributeName, string AttributeValue, string IdentityProviderId) : Rule
{
    public static readonly RuleKind Wire = new("saml", static (ref f) => new SamlAttributeRule(f.Text("attribute_name"), f.Text("attribute_value"), f.Text("identity_provider_id")) { Span = f.Span });

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("attribute_name", AttributeName), ("attribute_value", AttributeValue), ("identity_provider_id", IdentityProviderId));
}

/// <summary>Matches an OIDC claim the identity provider asserts.</summary>
public sealed record OidcClaimRule(string ClaimName, string ClaimValue, string IdentityProviderId) : Rule
{
    public static readonly RuleKind Wire = new("oidc", static (ref f) => new OidcClaimRule(f.Text("claim_name"), f.Text("claim_value"), f.Text("identity_provider_id")) { Span = f.Span });

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("claim_name", ClaimName), ("claim_value", ClaimValue), ("identity_provider_id", IdentityProviderId));
}

/// <summary>Matches an Azure AD authentication context.</summary>
public sealed record AuthContextRule(string Id, string AcId, string IdentityProviderId) : Rule
{
    public static readonly RuleKind Wire = new("auth_context", static (ref f) => new AuthContextRule(f.Text("id"), f.Text("ac_id"), f.Text("identity_provider_id")) { Span = f.Span });

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("ac_id", AcId), ("id", Id), ("identity_provider_id", IdentityProviderId));
}
