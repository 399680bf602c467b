namespace AccessSync.Cloudflare.Wire;

/// <summary>The envelope's paging facts. The spec makes every field optional, and so does the client.</summary>
internal sealed record ResultInfo(int? Page, int? PerPage, int? Count, int? TotalCount, int? TotalPages);
