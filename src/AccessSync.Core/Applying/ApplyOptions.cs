namespace AccessSync.Core.Applying;

/// <summary>How an apply runs.</summary>
/// <param name="MaxConcurrentApplications">Applications written at once; each application's own writes are one at a time.</param>
/// <param name="Progress">Told of each item as it ends done or failed, for a progress line.</param>
public sealed record ApplyOptions(int MaxConcurrentApplications = 4, IProgress<ItemOutcome>? Progress = null)
{
    public static ApplyOptions Default { get; } = new();
}
