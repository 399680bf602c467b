namespace AccessSync.Cloudflare;

/// <summary>The facts of one failed request, from which the exception and its message are made.</summary>
internal sealed record RequestFailure(string Method, string Path, int StatusCode, string? ReasonPhrase, IReadOnlyList<CloudflareError> Errors, int Attempts, string? GaveUp);
