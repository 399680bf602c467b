using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AccessSync.Emulator.Api;

/// <summary>A successful answer: status, result, and result_info on lists.</summary>
internal sealed record ApiResponse(int Status, JsonNode Result, JsonObject? ResultInfo = null)
{
    public static ApiResponse Ok(JsonNode result) => new(StatusCodes.Status200OK, result);
}

/// <summary>Cloudflare's v4 envelope: <c>{success, errors, messages, result, result_info?}</c>.</summary>
internal static class Envelope
{
    public static Task WriteSuccess(HttpContext context, ApiResponse response)
    {
        var body = new JsonObject
        {
            ["success"] = true,
            ["errors"] = new JsonArray(),
            ["messages"] = new JsonArray(),
            ["result"] = response.Result.DeepClone(),
        };
        if (response.ResultInfo is not null)
        {
            body["result_info"] = response.ResultInfo.DeepClone();
        }

        return Write(context, response.Status, body);
    }

    public static Task WriteFailure(HttpContext context, int status, IReadOnlyList<ApiError> errors)
    {
        var body = new JsonObject
        {
            ["success"] = false,
            ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e.ToJson())]),
            ["messages"] = new JsonArray(),
            ["result"] = null,
        };
        return Write(context, status, body);
    }

    private static async Task Write(HttpContext context, int status, JsonObject body)
    {
        // Straight to UTF-8, with its length: a page of 1,000 applications is megabytes, and a text in between would double them.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
