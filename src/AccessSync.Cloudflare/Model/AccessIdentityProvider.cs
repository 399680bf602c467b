using System.Text.Json.Nodes;

namespace AccessSync.Cloudflare.Model;

/// <summary>An identity provider (login method), for resolving <c>login_method</c> and IdP-bound rules by name.</summary>
public sealed record AccessIdentityProvider : AccessObject
{
    private AccessIdentityProvider(JsonObject raw)
        : base(raw) => Type = Text("type");

    /// <summary>okta, azureAD, saml, onetimepin, …</summary>
    public string? Type { get; }

    public static AccessIdentityProvider FromJson(JsonObject raw) => new(raw);
}
