using Microsoft.AspNetCore.Http;

namespace AccessSync.Emulator.Api;

/// <summary>A request body as read under a size cap: its text (null when empty), or the fact that it was too large.</summary>
internal sealed record RequestBody(string? Text, bool TooLarge)
{
    private const int ChunkBytes = 16 * 1024;

    private static readonly RequestBody Oversize = new(null, true);

    /// <summary>
    /// Reads at most <paramref name="limit"/> + 1 bytes, so the memory held per request never passes the cap
    /// whatever the client sends. A Content-Length over the limit is refused without reading a byte; a body without
    /// one (chunked) is refused as soon as what was read passes the limit. The rest is never read.
    /// </summary>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            return Oversize;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return Oversize;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return new RequestBody(text.Length == 0 ? null : text, false);
    }
}
