using System.Text.Json.Nodes;

namespace AccessSync.Cloudflare.Model;

/// <summary>A service token as listed (the API never returns its secret).</summary>
public sealed record AccessServiceToken : AccessObject
{
    private AccessServiceToken(JsonObject raw)
        : base(raw)
    {
        ClientId = Text("client_id");
        Duration = Text("duration");
        ExpiresAt = Timestamp("expires_at");
    }

    public string? ClientId { get; }

    public string? Duration { get; }

    public DateTimeOffset? ExpiresAt { get; }

    public static AccessServiceToken FromJson(JsonObject raw) => new(raw);
}
