namespace AccessSync.Cloudflare;

/// <summary>Cloudflare refused the credential (HTTP 401 or 403). The message names the kind of credential, never its value.</summary>
public sealed class CloudflareAuthenticationException : CloudflareApiException
{
    public CloudflareAuthenticationException()
    {
    }

    public CloudflareAuthenticationException(string message)
        : base(message)
    {
    }

    public CloudflareAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal CloudflareAuthenticationException(string message, RequestFailure failure, string credentialKind)
        : base(message, failure)
    {
        CredentialKind = credentialKind;
    }

    /// <summary>E.g. "API token (CLOUDFLARE_API_TOKEN)".</summary>
    public string CredentialKind { get; } = "";
}
