using AccessSync.Core.Model;

namespace AccessSync.Core.PlanFiles;

/// <summary>The names the plan file gives to values of the model, the same way both ways.</summary>
internal static class PlanFileNames
{
    public static string Of(ScopeKind kind) => kind.ToString().ToLowerInvariant();
}
