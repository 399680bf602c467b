using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Normalization;
using AccessSync.Core.Planning;
using AccessSync.Core.Wire;

namespace AccessSync.Core.Applying;

/// <summary>
/// Builds the policy a write sends. An update starts from the live object, every field kept (ones AccessSync has
/// never heard of included), and replaces only the managed fields and the precedence: PUT replaces the whole
/// policy, so anything left out could be reset.
/// </summary>
/// <remarks>
/// The body is built once, as a node the provider sends as it is: it is serialised only on its way to the wire.
/// </remarks>
public static class PolicyBody
{
    public static JsonObject ForCreate(DesiredPolicy desired, int precedence) => Build(new JsonObject(), desired, precedence);

    /// <summary>A reusable policy has no precedence: its place is in each application's policies list.</summary>
    public static JsonObject ForCreateReusable(DesiredPolicy desired) => Build(new JsonObject(), desired, null);

    public static JsonObject ForUpdateReusable(JsonElement live, DesiredPolicy desired) => ForUpdate(live, desired, null);

    public static JsonObject ForUpdate(JsonElement live, DesiredPolicy? desired, int? precedence)
    {
        // A node over the live element, not a copy parsed from its text: only the fields changed below are rebuilt.
        var body = JsonObject.Create(live)!;
        foreach (var field in ReadOnlyFields.Policy)
        {
            body.Remove(field);
        }

        return Build(body, desired, precedence);
    }

    /// <summary>The one place a desired policy becomes the JSON of its managed fields.</summary>
    private static JsonObject Build(JsonObject body, DesiredPolicy? desired, int? precedence)
    {
        foreach (var (path, value) in desired is null ? [] : PolicyWire.ManagedValues(desired))
        {
            JsonPath.Set(body, path, value);
        }

        if (precedence is null)
        {
            body.Remove(PolicyFields.Precedence);
        }
        else
        {
            body[PolicyFields.Precedence] = precedence;
        }

        return body;
    }
}
