using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Wire;

namespace AccessSync.Cloudflare.Model;

/// <summary>
/// An object as the API returned it: <see cref="Raw"/> holds every field, known to AccessSync or not, and the
/// properties of each subtype are a typed view of the common ones.
/// </summary>
public abstract record AccessObject
{
    // Only the client's own types derive from it: each is a view of one kind of API object.
    private protected AccessObject(JsonObject raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        Raw = raw;
        Id = JsonFields.String(raw, "id") ?? "";
        Name = JsonFields.String(raw, "name") ?? "";
    }

    /// <summary>The object exactly as read. Treat it as read-only: copy it (DeepClone) to build a write.</summary>
    public JsonObject Raw { get; }

    public string Id { get; }

    public string Name { get; }

    private protected string? Text(string name) => JsonFields.String(Raw, name);

    private protected DateTimeOffset? Timestamp(string name) => JsonFields.Timestamp(Raw, name);
}
