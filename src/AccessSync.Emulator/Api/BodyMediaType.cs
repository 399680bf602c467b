using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AccessSync.Emulator.Api;

/// <summary>
/// The media types the API accepts for a request body. The live gateway checks the Content-Type header of every
/// request that has a body, before the endpoint, and names both types it allows; a multipart body then fails as
/// malformed JSON at an Access endpoint, as every Access body is JSON.
/// </summary>
internal static class BodyMediaType
{
    private static readonly string[] Accepted = ["application/json", "multipart/form-data"];

    /// <exception cref="ApiException">400 6003 with 6105 in error_chain, the live API's answer.</exception>
    public static void Check(HttpRequest request)
    {
        var accepted = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed)
            && Accepted.Any(a => string.Equals(a, parsed.MediaType.Value, StringComparison.OrdinalIgnoreCase));
        if (!accepted)
        {
            throw new ApiException(400, new ApiError(
                ErrorCodes.InvalidRequestHeaders,
                "Invalid request headers",
                [new ApiError(ErrorCodes.InvalidContentTypeHeader, "Invalid Content-Type header, valid values are application/json,multipart/form-data")]));
        }
    }
}
