using System.Text.Json.Nodes;

namespace AccessSync.Cloudflare.Model;

/// <summary>An Access group. Policies refer to it only by id, so the planner maps names to ids through these; its rules are in <see cref="AccessObject.Raw"/>.</summary>
public sealed record AccessGroup : AccessObject
{
    private AccessGroup(JsonObject raw)
        : base(raw)
    {
    }

    public static AccessGroup FromJson(JsonObject raw) => new(raw);
}
