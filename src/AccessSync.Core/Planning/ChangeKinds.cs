namespace AccessSync.Core.Planning;

public static class ChangeKinds
{
    /// <summary>The kind as a verb in lower case (<c>create</c>, <c>attach</c>): what every render and the plan file call it.</summary>
    public static string Verb(this ChangeKind kind) => kind.ToString().ToLowerInvariant();
}
