using System.Collections.Frozen;

namespace AccessSync.Core.Wire;

/// <summary>
/// Fields of the API's objects that the API sets itself. A write built from a live object leaves them out: sending
/// them back is pointless, and the API may refuse it.
/// </summary>
public static class ReadOnlyFields
{
    public static readonly FrozenSet<string> Policy =
        new[] { "id", "created_at", "updated_at", "account_id", "app_count", "reusable" }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> Application =
        new[] { "id", "created_at", "updated_at", "aud" }.ToFrozenSet(StringComparer.Ordinal);
}
