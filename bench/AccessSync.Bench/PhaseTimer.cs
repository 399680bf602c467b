using System.Diagnostics;

namespace AccessSync.Bench;

/// <summary>
/// Times the steps of one round of a phases benchmark, each with what it allocated, the gen0 collections it caused and
/// the change in the live heap after a full collection, and prints them as one line each.
/// </summary>
internal sealed class PhaseTimer
{
    private readonly List<Phase> phases = [];

    /// <summary>The steps timed so far, in order.</summary>
    public IReadOnlyList<Phase> Phases => phases;

    public async Task<T> TimeAsync<T>(string name, Func<Task<T>> step)
    {
        var held = GC.GetTotalMemory(forceFullCollection: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gcs = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        var result = await step();
        clock.Stop();
        var allocatedMiB = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024);
        var heldMiB = (GC.GetTotalMemory(forceFullCollection: true) - held) / (1024 * 1024);
        phases.Add(new Phase(name, clock.ElapsedMilliseconds, allocatedMiB, GC.CollectionCount(0) - gcs, heldMiB));
        return result;
    }

    /// <summary>A synchronous step completes inside step(), so the clock stops right after it.</summary>
    public T Time<T>(string name, Func<T> step) => TimeAsync(name, () => Task.FromResult(step())).GetAwaiter().GetResult();

    public void Print(string heading)
    {
        Console.WriteLine($"{heading} (each step: ms/allocated/gen0 GCs/change in the live heap after a full GC):");
        phases.ForEach(phase => Console.WriteLine("  " + phase));
    }

    /// <summary>One step: its time, what it allocated, the gen0 collections it caused and the change in the live heap.</summary>
    internal sealed record Phase(string Name, long Ms, double AllocatedMiB, int Gen0Collections, long HeldMiB)
    {
        public override string ToString() => $"{Name} {Ms} ms/{AllocatedMiB:0.0} MiB/{Gen0Collections} gen0/{HeldMiB:+0;-0} MiB held";
    }
}
