using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace AccessSync.Emulator.Tests.Support;

/// <summary>
/// The response schemas of access-openapi.json, as JSON Schema: each operation's schema for a status is found in the
/// spec by path and method, with the spec's components as <c>definitions</c> and OpenAPI 3.0 <c>nullable</c> turned
/// into a null type.
/// </summary>
internal static class SpecContract
{
    private static readonly Lazy<JsonObject> Spec = new(() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "access-openapi.json")))!);

    private static readonly Lazy<JsonObject> Definitions = new(() => (JsonObject)Convert(Spec.Value["components"]!["schemas"]!)!);

    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();

    /// <summary>Every operation in the spec, as (method, path template, operationId).</summary>
    public static IEnumerable<(string Method, string Path, string OperationId)> Operations() =>
        from path in Spec.Value["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where operation.Key is "get" or "post" or "put" or "delete"
        select (operation.Key.ToUpperInvariant(), path.Key, operation.Value!["operationId"]!.GetValue<string>());

    /// <summary>The spec's operation for a request path relative to /client/v4, or null when the subset has none.</summary>
    public static (string Template, JsonObject Operation)? Find(string method, string relativePath)
    {
        var path = relativePath.Split('?')[0];
        foreach (var (template, item) in Spec.Value["paths"]!.AsObject())
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$";
            if (Regex.IsMatch(path, pattern) && item![method.ToLowerInvariant()] is JsonObject operation)
            {
                return (template, operation);
            }
        }

        return null;
    }

    /// <summary>The schema errors of a response body, or null when the spec has no such operation.</summary>
    public static IReadOnlyList<string>? Violations(string method, string relativePath, int status, string body)
    {
        if (Find(method, relativePath) is not var (template, operation))
        {
            return null;
        }

        // The spec declares failures only as 4XX; a 5xx carries the same failure envelope.
        var exact = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var statusKey = operation["responses"]![exact] is not null ? exact : status >= 500 ? "4XX" : $"{status / 100}XX";
        var schemaNode = operation["responses"]![statusKey]?["content"]?["application/json"]?["schema"];
        if (schemaNode is null)
        {
            return [$"the spec declares no {status} response for {method} {template}"];
        }

        var schema = Schemas.GetOrAdd($"{method} {template} {statusKey}", _ => new Lazy<JsonSchema>(() =>
        {
            var document = (JsonObject)Convert(schemaNode)!;
            document["definitions"] = Definitions.Value.DeepClone();
            return JsonSchema.FromJsonAsync(document.ToJsonString()).GetAwaiter().GetResult();
        })).Value;
        return [.. schema.Validate(body).Select(e => e.ToString())];
    }

    public static string OperationId(string method, string relativePath) =>
        Find(method, relativePath)?.Operation["operationId"]?.GetValue<string>() ?? "(none)";

    /// <summary>OpenAPI 3.0 schema → JSON Schema draft 4 as NJsonSchema reads it.</summary>
    private static JsonNode? Convert(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value!.GetValue<string>() is var reference)
                    {
                        result[key] = reference.Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
                    }
                    else if (key != "nullable" && key != "example" && key != "examples")
                    {
                        result[key] = Convert(value);
                    }
                }

                if (obj["nullable"]?.GetValue<bool>() == true)
                {
                    if (result["type"] is JsonValue type)
                    {
                        result["type"] = new JsonArray(type.GetValue<string>(), "null");
                    }
                    else
                    {
                        return new JsonObject { ["anyOf"] = new JsonArray(result, new JsonObject { ["type"] = "null" }) };
                    }
                }

                return result;
            case JsonArray array:
                return new JsonArray([.. array.Select(Convert)]);
            default:
                return node?.DeepClone();
        }
    }
}
