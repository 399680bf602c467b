using System.Collections.Concurrent;
using AccessSync.Cloudflare.Wire;

namespace AccessSync.Cloudflare.Http;

/// <summary>
/// Catches a server that ignores <c>page</c> and answers every page with the same items: without it, such a server
/// would be read for as many pages as it claims, or, read one page after another, forever. Pages read at once are
/// checked as each arrives, so the first repeat cancels the rest.
/// </summary>
internal sealed class RepeatedPages(string path, ErrorFactory errors)
{
    private readonly ConcurrentDictionary<string, int> pageOfFirstId = new(StringComparer.Ordinal);

    /// <returns>The page, when its first item opens no other page.</returns>
    public ListPage Check(ListPage page)
    {
        if (page.FirstId is { } id && pageOfFirstId.GetOrAdd(id, page.Number) is var other && other != page.Number)
        {
            throw errors.UnexpectedResponse("GET", path, $"page {Math.Max(page.Number, other)} repeats page {Math.Min(page.Number, other)}");
        }

        return page;
    }
}
