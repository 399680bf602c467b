namespace AccessSync.Cloudflare;

/// <summary>No answer from Cloudflare: the connection failed, was reset, or timed out, on every attempt allowed.</summary>
public sealed class CloudflareTransportException : CloudflareException
{
    public CloudflareTransportException()
    {
    }

    public CloudflareTransportException(string message)
        : base(message)
    {
    }

    public CloudflareTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal CloudflareTransportException(string message, string host, string method, string path, int attempts)
        : base(message)
    {
        Host = host;
        Method = method;
        Path = path;
        Attempts = attempts;
    }

    public string Host { get; } = "";

    public string Method { get; } = "";

    public string Path { get; } = "";

    public int Attempts { get; }
}
