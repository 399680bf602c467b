namespace AccessSync.Cloudflare;

/// <summary>
/// Running counts of what a client has sent, for a progress line: every attempt (retries included) and every
/// 429 answer it had to wait out. Safe to read from any thread while requests are in flight.
/// </summary>
public sealed class RequestStatistics
{
    private int requests;
    private int rateLimited;

    /// <summary>HTTP attempts sent, retries included.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>Answers of 429 Too Many Requests: each one a wait before retrying.</summary>
    public int RateLimited => Volatile.Read(ref rateLimited);

    internal void Sent() => Interlocked.Increment(ref requests);

    internal void Answered(int status)
    {
        if (status == 429)
        {
            Interlocked.Increment(ref rateLimited);
        }
    }
}
