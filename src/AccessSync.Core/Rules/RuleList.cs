namespace AccessSync.Core.Rules;

/// <summary>The three lists of rules a policy has, and how each combines its rules.</summary>
public enum RuleList
{
    /// <summary>At least one must match (OR).</summary>
    Include,

    /// <summary>None may match (NOT).</summary>
    Exclude,

    /// <summary>Every one must match (AND).</summary>
    Require,
}
