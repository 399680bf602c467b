using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AccessSync.Emulator.Api;

/// <summary>
/// Page-number paging as the API does it: <c>page</c> from 1, <c>per_page</c> from 1 to 1000 with a default per list
/// (API-FACTS §1). A page past the end is an empty page, because the SDKs page until they get one.
/// </summary>
internal sealed record Paging(int Page, int PerPage)
{
    public const int MaxPerPage = 1000;

    public static Paging From(HttpRequest request, int defaultPerPage) => new(
        Read(request, "page", 1, $"page must be a number of at least 1"),
        Read(request, "per_page", defaultPerPage, $"per_page must be a number between 1 and {MaxPerPage}", MaxPerPage));

    /// <summary>How many items come before this page.</summary>
    public int Skip => (int)Math.Min((long)(Page - 1) * PerPage, int.MaxValue);

    public ApiResponse Slice(IReadOnlyList<JsonObject> items) => Answer([.. items.Skip(Skip).Take(PerPage)], items.Count);

    /// <summary>The answer for this page, given its items and how many there are in all.</summary>
    public ApiResponse Answer(IReadOnlyList<JsonObject> page, int total)
    {
        var info = new JsonObject
        {
            ["page"] = Page,
            ["per_page"] = PerPage,
            ["count"] = page.Count,
            ["total_count"] = total,
            ["total_pages"] = (total + PerPage - 1) / PerPage,
        };
        return new ApiResponse(StatusCodes.Status200OK, new JsonArray([.. page.Select(i => (JsonNode)i)]), info);
    }

    private static int Read(HttpRequest request, string name, int fallback, string rule, int max = int.MaxValue)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max
            ? value
            : throw new ApiException(400, new ApiError(
                ErrorCodes.InvalidRequestParameters,
                "Invalid request parameters",
                [new ApiError(ErrorCodes.InvalidParameter, rule)]));
    }
}
