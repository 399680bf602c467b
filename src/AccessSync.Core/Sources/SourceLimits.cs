namespace AccessSync.Core.Sources;

public static class SourceLimits
{
    /// <summary>
    /// No real policy file comes near this; a larger one is a mistake (a generated dump, a binary) and
    /// would only slow every run down.
    /// </summary>
    public const int MaxFileBytes = 1024 * 1024;
}
