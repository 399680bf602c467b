using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessSync.Cloudflare.Wire;

/// <summary>Cloudflare's response envelope: <c>{success, errors, messages, result, result_info}</c>.</summary>
internal sealed record Envelope(bool? Success, IReadOnlyList<CloudflareError> Errors, JsonNode? Result, ResultInfo? ResultInfo)
{
    /// <summary>Parses a body; <c>null</c> when it is not a JSON object (an HTML error page from a proxy, say).</summary>
    public static Envelope? TryParse(Stream body)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (root is null)
        {
            return null;
        }

        var result = root["result"];
        root.Remove("result");
        return new Envelope(
            root["success"] is JsonValue success && success.TryGetValue<bool>(out var ok) ? ok : null,
            ReadErrors(root["errors"]),
            result,
            ReadInfo(root["result_info"] as JsonObject));
    }

    private static List<CloudflareError> ReadErrors(JsonNode? node) =>
        node is JsonArray items
            ? items.OfType<JsonObject>()
                .Select(e => new CloudflareError(JsonFields.Int(e, "code") ?? 0, JsonFields.String(e, "message") ?? "")
                {
                    Chain = ReadErrors(e["error_chain"]),
                })
                .ToList()
            : [];

    private static ResultInfo? ReadInfo(JsonObject? info) =>
        info is null
            ? null
            : new ResultInfo(
                JsonFields.Int(info, "page"),
                JsonFields.Int(info, "per_page"),
                JsonFields.Int(info, "count"),
                JsonFields.Int(info, "total_count"),
                JsonFields.Int(info, "total_pages"));
}
