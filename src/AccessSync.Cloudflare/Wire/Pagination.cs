namespace AccessSync.Cloudflare.Wire;

/// <summary>
/// How many pages a list has, without the extra empty page the official SDKs fetch: trust <c>total_pages</c>, else
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

        return itemsOnPage < ServedPerPage(requestedPerPage, info);
    }

    /// <summary>
    /// How many pages the list has, from the first page's result_info: <c>total_pages</c>, else <c>total_count</c> over
    /// the page size served; null when neither is given, and the pages can only be read one after another.
    /// </summary>
    public static int? PageCount(int requestedPerPage, ResultInfo? info) =>
        info?.TotalPages is { } totalPages
            ? Math.Max(totalPages, 1)
            : info?.TotalCount is { } totalCount
                ? Math.Max((int)((totalCount + (long)ServedPerPage(requestedPerPage, info) - 1) / ServedPerPage(requestedPerPage, info)), 1)
                : null;

    /// <summary>A server may serve fewer than asked (a lower maximum); its own per_page then tells a short page from a full one.</summary>
    private static int ServedPerPage(int requestedPerPage, ResultInfo? info) =>
        info?.PerPage is { } served and > 0 ? served : requestedPerPage;
}
