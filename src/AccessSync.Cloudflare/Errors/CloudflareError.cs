namespace AccessSync.Cloudflare;

/// <summary>One item of the envelope's <c>errors</c> array: Cloudflare's code and message, and the causes it chains.</summary>
public sealed record CloudflareError(int Code, string Message)
{
    /// <summary>The <c>error_chain</c> Cloudflare sometimes adds (e.g. which parameter was invalid); empty when absent.</summary>
    public IReadOnlyList<CloudflareError> Chain { get; init; } = [];
}
