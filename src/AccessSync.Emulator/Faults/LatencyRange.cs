namespace AccessSync.Emulator;

/// <summary>A latency added to each request: fixed when <see cref="Min"/> equals <see cref="Max"/>, else uniform in between.</summary>
public sealed record LatencyRange
{
    public LatencyRange(TimeSpan min, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        Min = min;
        Max = max;
    }

    public static LatencyRange None { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public TimeSpan Min { get; }

    public TimeSpan Max { get; }

    public static implicit operator LatencyRange(TimeSpan fixedLatency) => new(fixedLatency, fixedLatency);

    public static LatencyRange FromTimeSpan(TimeSpan fixedLatency) => fixedLatency;

    internal TimeSpan Draw(Faults.Chance random) =>
        Min == Max ? Min : Min + TimeSpan.FromTicks((long)(random.NextDouble() * (Max - Min).Ticks));
}
