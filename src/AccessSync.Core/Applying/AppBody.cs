using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Wire;

namespace AccessSync.Core.Applying;

/// <summary>
/// Builds the application a policies-list write sends. An application PUT replaces the whole application, so the
/// body is the live application, every field kept, with only its <c>policies</c> list replaced by links
/// (<c>{id, precedence}</c>) to the policies it keeps.
/// </summary>
public static class AppBody
{
    public static JsonObject WithPolicies(JsonElement liveApp, IEnumerable<(string Id, int Precedence)> policies)
    {
        var body = JsonObject.Create(liveApp)!;
        foreach (var field in ReadOnlyFields.Application)
        {
            body.Remove(field);
        }

        body["policies"] = new JsonArray([.. policies.OrderBy(p => p.Precedence).Select(p => (JsonNode)new JsonObject { ["id"] = p.Id, ["precedence"] = p.Precedence })]);
        return body;
    }
}
