namespace AccessSync.Cloudflare.Http;

/// <summary>
/// Travels with a request through the handler chain: how many attempts it took, and why retrying stopped, so that the
/// final error can say so.
/// </summary>
internal sealed class AttemptRecord
{
    private static readonly HttpRequestOptionsKey<AttemptRecord> Key = new("AccessSync.Attempts");
    private int attempts;

    public int Attempts => Volatile.Read(ref attempts);

    public string? GaveUp { get; set; }

    public static AttemptRecord Of(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return new AttemptRecord();
        }

        if (!request.Options.TryGetValue(Key, out var record))
        {
            record = new AttemptRecord();
            request.Options.Set(Key, record);
        }

        return record;
    }

    /// <summary>Counts an attempt about to be sent and returns its number (1 for the first).</summary>
    public int Begin() => Interlocked.Increment(ref attempts);
}
