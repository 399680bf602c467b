using System.Collections.Immutable;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// An application (or reusable policy) that live no longer has as an apply left it, found by reading live again
/// after the apply's last write: another writer changed it meanwhile, or the apply's own writes did not hold.
/// </summary>
/// <param name="Subject">The application's name, or the reusable policy's.</param>
/// <param name="Reason">What differs, short.</param>
public sealed record LiveDifference(string Subject, string Reason)
{
    private const int ItemsNamed = 3;

    /// <summary>For an apply of the files: what a plan made now, over the same files, would still change.</summary>
    public static ImmutableArray<LiveDifference> InFreshPlan(Plan fresh) =>
    [
        .. fresh.Applications.Where(a => a.HasChanges).Select(a => new LiveDifference(a.App.Name, WouldDo(PlanItem.Of(a)))),
        .. fresh.Reusable.Where(r => r.Change is not null).Select(r => new LiveDifference($"reusable policy \"{r.Name}\"", WouldDo([PlanItem.Of(r)]))),
    ];

    private static string WouldDo(IEnumerable<PlanItem> items)
    {
        var all = items.ToList();
        var named = string.Join(", ", all.Take(ItemsNamed));
        return $"a new plan would {named}{(all.Count > ItemsNamed ? $" and {all.Count - ItemsNamed} more" : string.Empty)}";
    }
}
