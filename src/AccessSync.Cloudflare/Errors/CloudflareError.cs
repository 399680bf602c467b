namespace AccessSync.Cloudflare;

/// <summary>One item of the envelope's <c>errors</c> array: Cloudflare's code and message.</summary>
public sealed record CloudflareError(int Code, string Message);
