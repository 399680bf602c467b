namespace AccessSync.Cloudflare.Wire;

/// <summary>
/// When to stop paging, without the extra empty page the official SDKs fetch: trust <c>total_pages</c>, else
/// <c>total_count</c>, else stop at the first short page. The spec does not promise any result_info field.
/// </summary>
internal static class Pagination
{
    /// <param name="page">The page just read (1-based).</param>
    /// <param name="requestedPerPage">The per_page sent.</param>
    /// <param name="itemsOnPage">How many items that page held.</param>
    /// <param name="itemsSoFar">Items read so far, that page included.</param>
    public static bool IsLastPage(int page, int requestedPerPage, int itemsOnPage, int itemsSoFar, ResultInfo? info)
    {
        if (itemsOnPage == 0)
        {
            return true;
        }

        if (info?.TotalPages is { } totalPages)
        {
            return page >= totalPages;
        }

        if (info?.TotalCount is { } totalCount)
        {
            return itemsSoFar >= totalCount;
        }

        // A server may serve fewer than asked (a lower maximum); its own per_page then tells a short page from a full one.
        var perPage = info?.PerPage is { } served and > 0 ? served : requestedPerPage;
        return itemsOnPage < perPage;
    }
}
