namespace AccessSync.Cloudflare;

/// <summary>Cloudflare answered, and the answer was an error (HTTP 4xx/5xx or <c>success: false</c>).</summary>
public class CloudflareApiException : CloudflareException
{
    public CloudflareApiException()
    {
    }

    public CloudflareApiException(string message)
        : base(message)
    {
    }

    public CloudflareApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal CloudflareApiException(string message, RequestFailure failure)
        : base(message)
    {
        Method = failure.Method;
        Path = failure.Path;
        StatusCode = failure.StatusCode;
        Errors = failure.Errors;
        Attempts = failure.Attempts;
    }

    /// <summary>The HTTP method, e.g. PUT.</summary>
    public string Method { get; } = "";

    /// <summary>The path relative to the API base URL, without the query, e.g. /accounts/…/access/apps.</summary>
    public string Path { get; } = "";

    public int StatusCode { get; }

    public IReadOnlyList<CloudflareError> Errors { get; } = [];

    /// <summary>How many times the request was sent before this answer was final.</summary>
    public int Attempts { get; }
}
