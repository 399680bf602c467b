using System.Text.Json.Nodes;

namespace AccessSync.Cloudflare.Model;

/// <summary>An Access group. Policies refer to it only by id, so the planner maps names to ids through these.</summary>
public sealed record AccessGroup : AccessObject
{
    private AccessGroup(JsonObject raw)
        : base(raw)
    {
        Include = Rules("include");
        Exclude = Rules("exclude");
        Require = Rules("require");
    }

    public IReadOnlyList<JsonObject> Include { get; }

    public IReadOnlyList<JsonObject> Exclude { get; }

    public IReadOnlyList<JsonObject> Require { get; }

    public static AccessGroup FromJson(JsonObject raw) => new(raw);
}
