using System.Collections.Immutable;
using AccessSync.Emulator.Faults;

namespace AccessSync.Emulator;

/// <summary>Fault injection, changeable at any time from any thread.</summary>
public sealed class FaultSettings
{
    private readonly Lock gate = new();
    private readonly List<Fault> queue = [];
    private readonly TimeProvider clock;
    private LatencyRange latency = LatencyRange.None;
    private double failRate;
    private int? failRetryAfterSeconds;
    private double resetRate;
    private double lostAnswerRate;
    private RateLimitWindow? rateLimit;
    private ImmutableHashSet<string> ignoredFields = ImmutableHashSet<string>.Empty;

    internal FaultSettings(TimeProvider clock)
    {
        this.clock = clock;
        rateLimit = new RateLimitWindow(RateLimitOptions.CloudflareDefault, clock);
    }

    /// <summary>Added to every request, in real time; a <see cref="TimeSpan"/> converts to a fixed latency.</summary>
    public LatencyRange Latency
    {
        get { lock (gate) { return latency; } }
        set { lock (gate) { latency = value ?? LatencyRange.None; } }
    }

    /// <summary>The fraction (0..1) of requests answered 500, 502 or 503 before processing.</summary>
    public double FailRate
    {
        get { lock (gate) { return failRate; } }
        set { lock (gate) { failRate = Fraction(value); } }
    }

    /// <summary>
    /// A <c>Retry-After</c> (seconds) on the failures <see cref="FailRate"/> injects; null (the default) for none, as
    /// Cloudflare sends none on a 5xx. A test of what a failure does, rather than of how long a client waits, sets 0.
    /// </summary>
    public int? FailRetryAfterSeconds
    {
        get { lock (gate) { return failRetryAfterSeconds; } }
        set { lock (gate) { failRetryAfterSeconds = value is { } seconds ? Math.Max(0, seconds) : null; } }
    }

    /// <summary>The fraction (0..1) of connections aborted before processing.</summary>
    public double ResetRate
    {
        get { lock (gate) { return resetRate; } }
        set { lock (gate) { resetRate = Fraction(value); } }
    }

    /// <summary>
    /// The fraction (0..1) of writes (POST, PUT, PATCH, DELETE) carried out and committed whose answer is then dropped:
    /// the connection is aborted, so the client sees a transport failure although the write took effect.
    /// </summary>
    public double LostAnswerRate
    {
        get { lock (gate) { return lostAnswerRate; } }
        set { lock (gate) { lostAnswerRate = Fraction(value); } }
    }

    /// <summary>The per-credential rate limit (a sliding window, as Cloudflare's); null switches it off. Setting it starts every window empty.</summary>
    public RateLimitOptions? RateLimit
    {
        get { lock (gate) { return rateLimit?.Options; } }
        set { lock (gate) { rateLimit = value is null ? null : new RateLimitWindow(value, clock); } }
    }

    /// <summary>Policy fields that writes silently drop, keeping the old value: an API that does not apply a field.</summary>
    public IReadOnlySet<string> IgnoredFieldsOnWrite
    {
        get { lock (gate) { return ignoredFields; } }
        set { lock (gate) { ignoredFields = (value ?? ImmutableHashSet<string>.Empty).ToImmutableHashSet(StringComparer.Ordinal); } }
    }

    /// <summary>The scripted faults not yet fired.</summary>
    public int PendingCount
    {
        get { lock (gate) { return queue.Count; } }
    }

    public void Enqueue(Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (gate)
        {
            queue.Add(fault);
        }
    }

    public void ClearQueue()
    {
        lock (gate)
        {
            queue.Clear();
        }
    }

    /// <summary>Switches every fault off: no latency, no failures, no resets, no lost answers, no queue, no ignored fields, the default rate limit.</summary>
    public void Reset()
    {
        lock (gate)
        {
            latency = LatencyRange.None;
            failRate = 0;
            resetRate = 0;
            lostAnswerRate = 0;
            queue.Clear();
            ignoredFields = ImmutableHashSet<string>.Empty;
            rateLimit = new RateLimitWindow(RateLimitOptions.CloudflareDefault, clock);
        }
    }

    internal Fault? TakeScripted(string method, string path)
    {
        lock (gate)
        {
            var index = queue.FindIndex(f => f.Matches.IsMatch(method, path));
            if (index < 0)
            {
                return null;
            }

            var fault = queue[index];
            queue.RemoveAt(index);
            return fault;
        }
    }

    internal RateLimitWindow? RateLimitWindow
    {
        get { lock (gate) { return rateLimit; } }
    }

    private static double Fraction(double value) =>
        double.IsNaN(value) || value < 0 || value > 1
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "a rate is a fraction from 0 to 1")
            : value;
}
