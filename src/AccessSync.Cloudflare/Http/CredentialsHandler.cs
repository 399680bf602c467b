namespace AccessSync.Cloudflare.Http;

/// <summary>Adds the authentication headers last, below the tracing, so nothing above ever holds them.</summary>
internal sealed class CredentialsHandler(CloudflareCredentials credentials) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("Authorization");
        request.Headers.Remove("X-Auth-Email");
        request.Headers.Remove("X-Auth-Key");
        credentials.Apply(request.Headers);
        return base.SendAsync(request, cancellationToken);
    }
}
