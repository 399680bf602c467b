using AccessSync.Cloudflare.Redaction;
using AccessSync.Cloudflare.Resilience;
using AccessSync.Core.Model;
using AccessSync.Core.Text;

namespace AccessSync.Cloudflare;

/// <summary>
/// Makes every exception the client throws, in one place, so that each message has the same one-line shape and goes
/// through the redactor: <c>Cloudflare API error 10001 on PUT /accounts/…/access/apps/…: message</c>. What the server
/// said is redacted and then made fit to print (<see cref="DisplayText"/>) before it is put in a message: it is
/// redacted first, so that cutting a long text cannot leave half a secret the redactor no longer knows.
/// </summary>
internal sealed class ErrorFactory(SecretRedactor redactor, CloudflareCredentials credentials, Uri baseUrl)
{
    public CloudflareApiException Api(RequestFailure failure)
    {
        var codes = failure.Errors.Where(e => e.Code != 0).Select(e => e.Code.ToString()).Distinct().ToList();
        var subject = codes.Count > 0 ? string.Join(", ", codes) : $"HTTP {failure.StatusCode}";
        var messages = failure.Errors.Select(Describe).Where(m => m.Length > 0).Distinct().ToList();
        var serverSaid = messages.Count > 0 ? string.Join("; ", messages) : failure.ReasonPhrase;
        var detail = serverSaid is null ? "no error details in the response" : DisplayText.ForDisplay(redactor.Redact(serverSaid));
        var head = $"Cloudflare API error {subject} on {failure.Method} {failure.Path}: {detail}";

        if (failure.StatusCode is 401 or 403)
        {
            var message = $"{head} (HTTP {failure.StatusCode}: Cloudflare refused the {credentials.Kind}; check that it is valid and has the Access permissions this needs)";
            return new CloudflareAuthenticationException(redactor.Redact(message), failure, credentials.Kind);
        }

        var status = codes.Count > 0 ? $"HTTP {failure.StatusCode}; " : "";
        var tail = failure.GaveUp is { } gaveUp ? $" ({status}{gaveUp})" : "";
        return new CloudflareApiException(redactor.Redact(head + tail), failure);
    }

    public CloudflareTransportException Transport(string method, string path, Exception failure, int attempts, string? gaveUp)
    {
        var host = baseUrl.IsDefaultPort ? baseUrl.Host : $"{baseUrl.Host}:{baseUrl.Port}";
        var retries = gaveUp ?? (attempts > 1 ? $"after {attempts} attempts" : null);
        var message = $"could not reach {host}: {TransportFailure.Describe(failure)} ({method} {path}{(retries is null ? "" : "; " + retries)})";
        return new CloudflareTransportException(redactor.Redact(message), host, method, path, attempts);
    }

    public CloudflareException UnexpectedResponse(string method, string path, string what) =>
        new(redactor.Redact($"Cloudflare returned an unexpected response on {method} {path}: {what}"));

    public CloudflareException AccountOnly(string what, Scope scope) =>
        new(redactor.Redact($"{what} exist only in accounts, not in {scope}"));

    /// <summary>An error's message with its chained causes, on one line whatever the server put in it.</summary>
    private static string Describe(CloudflareError error)
    {
        var message = string.Join(' ', error.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var causes = error.Chain.Select(c => c.Code != 0 ? $"{c.Code}: {Describe(c)}" : Describe(c)).Where(c => c.Length > 0).ToList();
        return causes.Count == 0 ? message : $"{message} ({string.Join("; ", causes)})";
    }
}
