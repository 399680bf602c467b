using System.Text.Json;

namespace AccessSync.Cloudflare.Wire;

/// <summary>Cloudflare's response envelope: <c>{success, errors, messages, result, result_info}</c>.</summary>
/// <param name="Result">The <c>result</c> as parsed: a list's items are used as they are, never re-serialised.</param>
internal sealed record Envelope(bool? Success, IReadOnlyList<CloudflareError> Errors, JsonElement? Result, ResultInfo? ResultInfo)
{
    /// <summary>Parses a body once; <c>null</c> when it is not a JSON object (an HTML error page from a proxy, say).</summary>
    /// <param name="body">The whole body.</param>
    public static Envelope? TryParse(byte[] body)
    {
        JsonElement root;
        try
        {
            // One pass over the bytes, then one copy of the whole document that needs no disposing: its elements (a
            // page's items) go into the live model as they are, and every later Clone of one of them (a live policy
            // keeps its own) is then free, where a copy per item from a pooled document costs a third of the mapping.
            using var document = JsonDocument.Parse(body.AsMemory());
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new Envelope(
            root.TryGetProperty("success", out var success) && success.ValueKind is JsonValueKind.True or JsonValueKind.False ? success.GetBoolean() : null,
            ReadErrors(root, "errors"),
            root.TryGetProperty("result", out var result) ? result : null,
            root.TryGetProperty("result_info", out var info) && info.ValueKind == JsonValueKind.Object ? ReadInfo(info) : null);
    }

    private static List<CloudflareError> ReadErrors(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object)
                .Select(e => new CloudflareError(JsonFields.Int(e, "code") ?? 0, JsonFields.String(e, "message") ?? "")
                {
                    Chain = ReadErrors(e, "error_chain"),
                })
                .ToList()
            : [];

    private static ResultInfo ReadInfo(JsonElement info) => new(
        JsonFields.Int(info, "page"),
        JsonFields.Int(info, "per_page"),
        JsonFields.Int(info, "count"),
        JsonFields.Int(info, "total_count"),
        JsonFields.Int(info, "total_pages"));
}
