using System.Diagnostics;

namespace AccessSync.Bench;

/// <summary>
/// Times the steps of one round of a phases benchmark, each with what it allocated, the gen0 collections it caused and
/// the change in the live heap after a full collection, and prints them as one line each.
/// </summary>
internal sealed class PhaseTimer
{
    private readonly List<string> phases = [];

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
        phases.Add($"{name} {clock.ElapsedMilliseconds} ms/{allocatedMiB:0.0} MiB/{GC.CollectionCount(0) - gcs} gen0/{heldMiB:+0;-0} MiB held");
        return result;
    }

    /// <summary>A synchronous step completes inside step(), so the clock stops right after it.</summary>
    public T Time<T>(string name, Func<T> step) => TimeAsync(name, () => Task.FromResult(step())).GetAwaiter().GetResult();

    public void Print(string heading)
    {
        Console.WriteLine($"{heading} (each step: ms/allocated/gen0 GCs/change in the live heap after a full GC):");
        phases.ForEach(phase => Console.WriteLine("  " + phase));
    }
}
