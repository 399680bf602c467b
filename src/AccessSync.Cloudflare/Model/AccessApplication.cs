using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Wire;

namespace AccessSync.Cloudflare.Model;

/// <summary>An Access application, with the policies it embeds (the full objects, with precedence).</summary>
public sealed record AccessApplication : AccessObject
{
    private AccessApplication(JsonObject raw)
        : base(raw)
    {
        Domain = Text("domain");
        Type = Text("type");
        Aud = Text("aud");
        SessionDuration = Text("session_duration");
        Policies = JsonFields.Objects(raw, "policies").Select(AccessPolicy.FromJson).ToList();
        UpdatedAt = Timestamp("updated_at");
    }

    public string? Domain { get; }

    /// <summary>self_hosted, saas, ssh, infrastructure, …</summary>
    public string? Type { get; }

    public string? Aud { get; }

    public string? SessionDuration { get; }

    /// <summary>The embedded policies in the order the API gave them (ascending precedence).</summary>
    public IReadOnlyList<AccessPolicy> Policies { get; }

    public DateTimeOffset? UpdatedAt { get; }

    public static AccessApplication FromJson(JsonObject raw) => new(raw);

    /// <summary>A deep copy of every field but the read-only ones. <c>policies</c> is kept as read: full objects.</summary>
    public JsonObject ToWriteBody() => JsonFields.CopyWithout(Raw, Core.Wire.ReadOnlyFields.Application);
}
