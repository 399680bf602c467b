namespace AccessSync.Cloudflare;

/// <summary>
/// A failure the user can act on, with a one-line message that is safe to print as it is: it never carries a secret,
/// and it needs no stack trace.
/// </summary>
public class CloudflareException : Exception
{
    public CloudflareException()
    {
    }

    public CloudflareException(string message)
        : base(message)
    {
    }

    public CloudflareException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
