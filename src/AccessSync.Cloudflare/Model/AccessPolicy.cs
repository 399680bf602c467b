using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Wire;

namespace AccessSync.Cloudflare.Model;

/// <summary>
/// An Access policy (app-scoped, reusable, or embedded in an application). Build a write from <see cref="ToWriteBody"/>
/// so that the fields AccessSync does not manage go back unchanged.
/// </summary>
public sealed record AccessPolicy : AccessObject
{
    private AccessPolicy(JsonObject raw)
        : base(raw)
    {
        Decision = Text("decision");
        Precedence = JsonFields.Int(raw, "precedence");
        Include = Rules("include");
        Exclude = Rules("exclude");
        Require = Rules("require");
        SessionDuration = Text("session_duration");
        Reusable = JsonFields.Bool(raw, "reusable") == true;
        AppCount = JsonFields.Int(raw, "app_count");
        CreatedAt = Timestamp("created_at");
        UpdatedAt = Timestamp("updated_at");
    }

    /// <summary>allow, deny, non_identity or bypass.</summary>
    public string? Decision { get; }

    /// <summary>The policy's place in its application; absent on a reusable policy read from /access/policies.</summary>
    public int? Precedence { get; }

    public IReadOnlyList<JsonObject> Include { get; }

    public IReadOnlyList<JsonObject> Exclude { get; }

    public IReadOnlyList<JsonObject> Require { get; }

    public string? SessionDuration { get; }

    /// <summary>True when the response itself says so (<c>reusable: true</c>, on /access/policies). Policies embedded in an app carry no such flag; see <see cref="LiveEstate.IsReusable"/>.</summary>
    public bool Reusable { get; }

    public int? AppCount { get; }

    public DateTimeOffset? CreatedAt { get; }

    public DateTimeOffset? UpdatedAt { get; }

    public static AccessPolicy FromJson(JsonObject raw) => new(raw);

    /// <summary>A deep copy of every field but the read-only ones: change what you manage and send it.</summary>
    public JsonObject ToWriteBody() => JsonFields.CopyWithout(Raw, Core.Wire.ReadOnlyFields.Policy);
}
