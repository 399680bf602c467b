using System.Text.Json.Nodes;

namespace AccessSync.Emulator.Api;

/// <summary>One item of the envelope's <c>errors</c>, with Cloudflare's optional <c>error_chain</c> of causes.</summary>
internal sealed record ApiError(int Code, string Message, IReadOnlyList<ApiError>? Chain = null)
{
    public JsonObject ToJson()
    {
        var item = new JsonObject { ["code"] = Code, ["message"] = Message };
        if (Chain is { Count: > 0 })
        {
            item["error_chain"] = new JsonArray([.. Chain.Select(c => (JsonNode)c.ToJson())]);
        }

        return item;
    }
}

/// <summary>A request the API refuses: the HTTP status and the errors of the failure envelope.</summary>
internal sealed class ApiException(int status, IReadOnlyList<ApiError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Code} {e.Message}")))
{
    public ApiException(int status, ApiError error)
        : this(status, [error])
    {
    }

    public int Status { get; } = status;

    public IReadOnlyList<ApiError> Errors { get; } = errors;
}
