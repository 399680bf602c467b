namespace AccessSync.Core.Evaluation;

/// <summary>
/// How many requests a search may still evaluate, shared by every search of one plan so that no set of files can
/// make planning spend more than a bounded time looking for examples.
/// </summary>
public sealed class SearchBudget(int requests)
{
    public int Left { get; private set; } = requests;

    public bool TrySpend()
    {
        if (Left <= 0)
        {
            return false;
        }

        Left--;
        return true;
    }
}
