namespace AccessSync.Emulator;

/// <summary>The one credential the emulator accepts: an API token, or a global key with its e-mail.</summary>
public sealed class EmulatorCredentials
{
    private EmulatorCredentials(string? token, string? email, string? key)
    {
        ApiToken = token;
        Email = email;
        ApiKey = key;
    }

    internal string? ApiToken { get; }

    internal string? Email { get; }

    internal string? ApiKey { get; }

    public static EmulatorCredentials Token(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new(token, null, null);
    }

    public static EmulatorCredentials Key(string email, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new(null, email, key);
    }

    /// <summary>
    /// The credential in the environment as the CLI reads it: CLOUDFLARE_API_TOKEN, else CLOUDFLARE_EMAIL with
    /// CLOUDFLARE_API_KEY; null when neither is set.
    /// </summary>
    public static EmulatorCredentials? FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var token = variable("CLOUDFLARE_API_TOKEN");
        if (!string.IsNullOrEmpty(token))
        {
            return Token(token);
        }

        var email = variable("CLOUDFLARE_EMAIL");
        var key = variable("CLOUDFLARE_API_KEY");
        return !string.IsNullOrEmpty(email) && !string.IsNullOrEmpty(key) ? Key(email, key) : null;
    }

    /// <summary>Never the secret itself.</summary>
    public override string ToString() => ApiToken is not null ? "API token (redacted)" : "e-mail and global API key (redacted)";
}
