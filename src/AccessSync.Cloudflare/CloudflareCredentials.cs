using System.Net.Http.Headers;

namespace AccessSync.Cloudflare;

/// <summary>
/// How AccessSync authenticates to Cloudflare: an API token (preferred) or the legacy e-mail + global API key pair.
/// The secret stays inside this object: <see cref="ToString"/> and <see cref="Kind"/> name the credential, never show it.
/// </summary>
public sealed class CloudflareCredentials
{
    public const string TokenVariable = "CLOUDFLARE_API_TOKEN";
    public const string EmailVariable = "CLOUDFLARE_EMAIL";
    public const string KeyVariable = "CLOUDFLARE_API_KEY";

    private readonly string secret;
    private readonly string? email;

    private CloudflareCredentials(string kind, string secret, string? email)
    {
        Kind = kind;
        this.secret = secret;
        this.email = email;
    }

    /// <summary>What kind of credential this is and where it came from, e.g. "API token (CLOUDFLARE_API_TOKEN)".</summary>
    public string Kind { get; }

    /// <summary>The strings that must never appear in output: the token or key.</summary>
    internal IReadOnlyList<string> Secrets => [secret];

    public static CloudflareCredentials ApiToken(string token) =>
        new($"API token ({TokenVariable})", Checked(token, TokenVariable), null);

    public static CloudflareCredentials ApiKey(string email, string key) =>
        new($"global API key ({EmailVariable} + {KeyVariable})", Checked(key, KeyVariable), Checked(email, EmailVariable));

    /// <summary>
    /// Reads <c>CLOUDFLARE_API_TOKEN</c>, else <c>CLOUDFLARE_EMAIL</c> + <c>CLOUDFLARE_API_KEY</c>; a blank variable counts as unset.
    /// </summary>
    /// <exception cref="CloudflareException">Neither is set, or only half of the e-mail + key pair.</exception>
    public static CloudflareCredentials FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var token = Blank(getVariable(TokenVariable));
        if (token is not null)
        {
            return ApiToken(token);
        }

        var email = Blank(getVariable(EmailVariable));
        var key = Blank(getVariable(KeyVariable));
        return (email, key) switch
        {
            (not null, not null) => ApiKey(email, key),
            (not null, null) => throw new CloudflareException($"{EmailVariable} is set but {KeyVariable} is not; set both, or set {TokenVariable} instead"),
            (null, not null) => throw new CloudflareException($"{KeyVariable} is set but {EmailVariable} is not; set both, or set {TokenVariable} instead"),
            _ => throw new CloudflareException($"no Cloudflare credentials: set {TokenVariable} (an API token with Access: Apps and Policies permissions), or {EmailVariable} and {KeyVariable}"),
        };
    }

    /// <summary>Adds the authentication headers. Done without header validation so that a bad value can never be echoed in an exception.</summary>
    internal void Apply(HttpRequestHeaders headers)
    {
        if (email is null)
        {
            headers.TryAddWithoutValidation("Authorization", "Bearer " + secret);
        }
        else
        {
            headers.TryAddWithoutValidation("X-Auth-Email", email);
            headers.TryAddWithoutValidation("X-Auth-Key", secret);
        }
    }

    public override string ToString() => Kind;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Checked(string value, string variable)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            throw new CloudflareException($"{variable} is empty");
        }

        // A line break in a header value would be rejected by the HTTP stack with the value in the message.
        if (trimmed.Any(char.IsControl))
        {
            throw new CloudflareException($"{variable} contains a line break or another control character; check how it was set");
        }

        return trimmed;
    }
}
