using System.Text.RegularExpressions;

namespace AccessSync.Emulator;

public enum FaultKind
{
    /// <summary>Answer with a status code and the failure envelope, without processing the request.</summary>
    Status,

    /// <summary>Abort the connection before processing.</summary>
    Reset,

    /// <summary>
    /// Process the request and commit its effect, then abort the connection without answering (a lost answer); the
    /// request log keeps the status that was never sent.
    /// </summary>
    ResetAfterCommit,

    /// <summary>Wait, then process the request normally.</summary>
    Delay,

    /// <summary>Run an action (another writer's change, say), then process the request normally.</summary>
    Interleave,

    /// <summary>Wait until a test lets the request go, then process it normally.</summary>
    Hold,
}

/// <summary>Which requests a scripted fault applies to: an optional method and an optional regex on the path (relative to /client/v4).</summary>
public sealed record RequestMatch(string? Method = null, string? PathPattern = null)
{
    public static RequestMatch Any { get; } = new();

    internal bool IsMatch(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathPattern is null || Regex.IsMatch(path, PathPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
}

/// <summary>One scripted fault; it fires once, on the next request that <see cref="Matches"/>.</summary>
public sealed record Fault
{
    private Fault(FaultKind kind) => Kind = kind;

    public FaultKind Kind { get; }

    public int StatusCode { get; private init; }

    public int? RetryAfterSeconds { get; private init; }

    public TimeSpan DelayTime { get; private init; }

    /// <summary>What an <see cref="FaultKind.Interleave"/> runs before the request.</summary>
    public Action? Action { get; private init; }

    /// <summary>What a <see cref="FaultKind.Hold"/> waits for.</summary>
    public Task? Release { get; private init; }

    public RequestMatch Matches { get; init; } = RequestMatch.Any;

    public static Fault Status(int code, int? retryAfterSeconds = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 599);
        return new(FaultKind.Status) { StatusCode = code, RetryAfterSeconds = retryAfterSeconds };
    }

    public static Fault Reset() => new(FaultKind.Reset);

    public static Fault ResetAfterCommit() => new(FaultKind.ResetAfterCommit);

    public static Fault Delay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(FaultKind.Delay) { DelayTime = delay };
    }

    /// <summary>
    /// Runs <paramref name="action"/> just before the request is processed: a test's second writer changing the state
    /// (through <see cref="EmulatorServer.State"/>) between a client's read and its write.
    /// </summary>
    public static Fault Interleave(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new(FaultKind.Interleave) { Action = action };
    }

    /// <summary>
    /// Holds the request, once it is in the request log, until <paramref name="release"/> completes (or the client goes
    /// away): with a few of them a test can see which requests a client has in flight together, from the log, before
    /// letting them go.
    /// </summary>
    public static Fault Hold(Task release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return new(FaultKind.Hold) { Release = release };
    }

    /// <summary>The same fault, limited to requests with this method and/or a path matching this regex.</summary>
    public Fault When(string? method = null, string? pathPattern = null) => this with { Matches = new RequestMatch(method, pathPattern) };
}
