namespace AccessSync.Core.Evaluation;

/// <summary>
/// How much work a search may still do, counted in rules judged, shared by every search of one plan so that no set
/// of files can make planning spend more than a bounded time looking for examples.
/// </summary>
public sealed class SearchBudget(long judgments)
{
    public long Left { get; private set; } = judgments;

    /// <summary>Takes <paramref name="cost"/> from what is left; false, taking nothing, when not that much is left.</summary>
    public bool TrySpend(long cost)
    {
        if (cost > Left)
        {
            return false;
        }

        Left -= cost;
        return true;
    }
}
