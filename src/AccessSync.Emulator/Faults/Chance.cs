namespace AccessSync.Emulator.Faults;

/// <summary>The random source behind the rate faults and random latency; seedable for repeatable runs.</summary>
internal sealed class Chance(int? seed)
{
    private readonly Lock gate = new();
    private readonly Random random = seed is { } s ? new Random(s) : new Random();

    public bool Happens(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (gate)
        {
            return random.NextDouble() < rate;
        }
    }

    public int Pick(int count)
    {
        lock (gate)
        {
            return random.Next(count);
        }
    }

    public double NextDouble()
    {
        lock (gate)
        {
            return random.NextDouble();
        }
    }
}
